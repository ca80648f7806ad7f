/** One document as the store last wrote it: its version and its JSON text. */
export interface RecentDocument {
  readonly eTag: string;
  readonly json: string;
}

/**
 * The documents a store wrote last, as text, within a budget of characters (the least recently used go
 * first): a conversation's next turn reads its state from here instead of from disk. Only right
 * for a store that alone writes its items (see FileStore), and only to be changed under the key's
 * lock, like the store's eTags.
 */
export class RecentDocuments {
  private readonly documents = new Map<string, RecentDocument>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string): RecentDocument | undefined {
    const found = this.documents.get(key);
    if (found === undefined) return undefined;
    // Used again: now the newest.
    this.documents.delete(key);
    this.documents.set(key, found);
    return found;
  }

  set(key: string, document: RecentDocument): void {
    this.delete(key);
    // A document larger than the whole budget would only push every other one out.
    if (document.json.length > this.maxChars) return;
    this.documents.set(key, document);
    this.chars += document.json.length;
    for (const [oldest, { json }] of this.documents) {
      if (this.chars <= this.maxChars) break;
      this.documents.delete(oldest);
      this.chars -= json.length;
    }
  }

  delete(key: string): void {
    const found = this.documents.get(key);
    if (found === undefined) return;
    this.documents.delete(key);
    this.chars -= found.json.length;
  }
}
