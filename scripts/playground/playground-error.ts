/**
 * A start-up problem the person running `npm run playground` can fix (a port in use, a bot that
 * does not start). The CLI prints the message and exits 1; anything else is a bug.
 */
export class PlaygroundError extends Error {
  override readonly name = 'PlaygroundError';
}
