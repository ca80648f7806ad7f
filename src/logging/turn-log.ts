import { randomUUID } from 'node:crypto';
import { hashId } from './hash-id.js';
import type { Logger } from './logger.js';
import { rememberConversation } from './redact-ids.js';

/** Where a turn keeps its logger: botbuilder's per-turn state, or anything shaped like it. */
interface TurnStateHolder {
  readonly turnState: Map<unknown, unknown>;
}

/** One turn's logger and the correlation id every line of it carries (the apology's code is made from it). */
export class TurnLog {
  constructor(
    readonly log: Logger,
    readonly correlationId: string,
  ) {}
}

const TURN_LOG = Symbol('baliewijzer.turnLog');

/**
 * A logger for one turn: every line carries a fresh correlation id and the hashed conversation,
 * and the raw conversation id is replaced by its hash wherever it shows up in a line (an SDK
 * error message, a storage key), whatever its shape (see redact-ids.ts). A child logger kept in
 * the turn's state, rather than AsyncLocalStorage: its promise hooks slowed every await of every
 * turn (issue 19).
 */
export function turnLogger(log: Logger, conversationId: string | undefined): TurnLog {
  const conversation = hashId(conversationId);
  if (conversationId !== undefined && conversation !== undefined) rememberConversation({ id: conversationId, hash: conversation });
  const correlationId = randomUUID();
  return new TurnLog(log.child({ correlationId, conversation }), correlationId);
}

/** Keeps `turn` as the logger of the turn `context` belongs to. */
export function attachTurnLog(context: TurnStateHolder, turn: TurnLog): void {
  context.turnState.set(TURN_LOG, turn);
}

/** The turn's logger and correlation id, when the HTTP edge started this turn (not in tests on a TestAdapter, nor in proactive work). */
export function turnLogOf(context: TurnStateHolder): TurnLog | undefined {
  const kept = context.turnState.get(TURN_LOG);
  return kept instanceof TurnLog ? kept : undefined;
}

/** The logger of the turn `context` belongs to; `fallback` outside a turn the HTTP edge started. */
export function loggerOf(context: TurnStateHolder, fallback: Logger): Logger {
  return turnLogOf(context)?.log ?? fallback;
}
