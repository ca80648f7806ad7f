/**
 * Polls `find` until it gives something, and resolves with that; fails naming `what` after
 * `timeoutMs` (a limit that catches a hang: nothing is timed).
 */
export async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Polls `condition` until it holds (see {@link waitFor}). */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(() => (condition() ? true : undefined), what, timeoutMs);
}
