import { pino, type Logger } from 'pino';
import { redactIds } from './redact-ids.js';
import { currentTurnScope } from './turn-scope.js';

export type { Logger } from 'pino';
export { hashId } from './hash-id.js';

/**
 * Structured JSON logs. Callers log ids and codes, never names, e-mail addresses, usernames or
 * typed text; conversation ids are hashed so a log line cannot be tied back to a chat by itself,
 * also where an error message embeds one (redact-ids.ts, on every line as it is written).
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
      hooks: {
        streamWrite: (line) => {
          const turn = currentTurnScope();
          return redactIds(line, turn?.conversationId !== undefined && turn.conversation !== undefined ? { id: turn.conversationId, hash: turn.conversation } : undefined);
        },
      },
    },
    destination ?? process.stdout,
  );
}
