import { calculateChangeHash, ConversationState, type StoreItem, type TurnContext } from 'botbuilder';
import { isETagConflict } from './etag-conflict.js';

/** Another turn saved this conversation after this turn read it; this turn's changes were not written. */
export class ConversationConflictError extends Error {
  constructor(readonly key: string) {
    super(`Conversation state "${key}" was changed by another turn since it was read`);
    this.name = 'ConversationConflictError';
  }
}

/** What this turn read: the stored eTag (none when the item did not exist) and the hash of the state. */
interface ReadMark {
  readonly eTag?: string;
  readonly hash: string;
  /** This turn already wrote the state once; the eTag of that write is looked up before a second one. */
  readonly written?: boolean;
}

/**
 * Conversation state with real optimistic concurrency. botbuilder's `BotState.saveChanges` writes
 * with `eTag: '*'` (last writer wins), so two turns on one case could silently overwrite each
 * other. This one writes with the eTag it read when the turn loaded the state, and turns the
 * storage's eTag conflict into {@link ConversationConflictError} for the turn guard to handle.
 *
 * An item that did not exist yet is written unconditionally (botbuilder's storages have no
 * "create only"); the turn guard writes the conversation on its first turn, so by the time a
 * card can be clicked the item exists and every later write is checked.
 */
export class ETagConversationState extends ConversationState {
  private readonly mark = Symbol('etag-conversation-state.read');

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const fromStorage = force || this.get(context) === undefined;
    const state: unknown = await super.load(context, force);
    const record = isRecord(state) ? state : {};
    if (fromStorage) {
      const mark: ReadMark = { eTag: typeof record.eTag === 'string' ? record.eTag : undefined, hash: calculateChangeHash(record) };
      context.turnState.set(this.mark, mark);
    }
    return record;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached: unknown = this.get(context);
    const state = isRecord(cached) ? cached : force ? {} : undefined;
    if (!state) return;
    const mark = this.readMark(context);
    const hash = calculateChangeHash(state);
    if (!force && mark && hash === mark.hash) return;
    const key = this.getStorageKey(context);
    if (!key) throw new Error('Conversation state: the activity has no channel or conversation id');
    const { eTag: _readETag, ...document } = state;
    const eTag = mark?.written ? await this.eTagOfOwnWrite(key, mark.hash) : (mark?.eTag ?? '*');
    const item: StoreItem = { ...document, eTag };
    try {
      await this.storage.write({ [key]: item });
    } catch (error) {
      if (isETagConflict(error)) throw new ConversationConflictError(key);
      throw error;
    }
    context.turnState.set(this.mark, { hash, written: true } satisfies ReadMark);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.mark);
    await super.delete(context);
  }

  private readMark(context: TurnContext): ReadMark | undefined {
    const mark: ReadMark | undefined = context.turnState.get(this.mark);
    return mark;
  }

  /** A second save in one turn: the stored item must still be the one this turn wrote. */
  private async eTagOfOwnWrite(key: string, hash: string): Promise<string> {
    const stored: unknown = (await this.storage.read([key]))[key];
    if (!isRecord(stored) || typeof stored.eTag !== 'string' || calculateChangeHash(stored) !== hash) throw new ConversationConflictError(key);
    return stored.eTag;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
