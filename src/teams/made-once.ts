/** Clients kept at most; Teams answers from a handful of service URLs and one bot app, so this is never reached in practice. */
const MAX_CLIENTS = 100;

/**
 * SDK clients made once per key (bot app, service URL, audience) instead of once per turn.
 * A failed making (credentials not available yet) is not kept: the next turn tries again.
 */
export class MadeOnce<T> {
  private readonly made = new Map<string, Promise<T>>();

  get(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.made.get(key);
    if (known) return known;
    const making = make();
    this.made.set(key, making);
    making.catch(() => {
      if (this.made.get(key) === making) this.made.delete(key);
    });
    if (this.made.size > MAX_CLIENTS) this.made.delete(this.made.keys().next().value ?? key);
    return making;
  }
}
