import { pino, type Logger } from 'pino';
import { knownConversationIn, redactIds } from './redact-ids.js';

export type { Logger } from 'pino';
export { hashId } from './hash-id.js';

/**
 * Structured JSON logs. Callers log ids and codes, never names, e-mail addresses, usernames or
 * typed text; conversation ids are hashed so a log line cannot be tied back to a chat by itself,
 * also where an error message embeds one (redact-ids.ts, on every line as it is written).
 * Lines logged with a turn's logger carry the turn's correlation id (see turn-log.ts).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'baliewijzer' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: (line) => redactIds(line, knownConversationIn(line)) },
    },
    destination ?? process.stdout,
  );
}
