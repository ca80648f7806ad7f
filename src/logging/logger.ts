import { pino, type Logger } from 'pino';
import { currentTurnScope } from './turn-scope.js';

export type { Logger } from 'pino';

/**
 * Structured JSON logs. Callers log ids and codes, never names, e-mail addresses, usernames or
 * typed text; conversation ids are hashed so a log line cannot be tied back to a chat by itself.
 * Inside a turn every line carries the turn's correlation id (see turn-scope.ts).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'baliewijzer' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const turn = currentTurnScope();
        return turn ? { correlationId: turn.correlationId, conversation: turn.conversation } : {};
      },
    },
    destination ?? process.stdout,
  );
}

export { hashId } from './hash-id.js';
