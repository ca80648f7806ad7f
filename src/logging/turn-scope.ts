import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { hashId } from './hash-id.js';

/** What every log line of one turn carries: a correlation id and the hashed conversation. */
export interface TurnScope {
  readonly correlationId: string;
  readonly conversation?: string;
  /** The raw conversation id, never logged: the logger replaces it by its hash wherever it shows up in a line. */
  readonly conversationId?: string;
}

const scope = new AsyncLocalStorage<TurnScope>();

/** Runs `work` with a fresh correlation id that every log line inside it will carry, and the conversation (by its id) it belongs to. */
export function inTurnScope<T>(conversationId: string | undefined, work: () => Promise<T>): Promise<T> {
  return scope.run({ correlationId: randomUUID(), conversation: hashId(conversationId), conversationId }, work);
}

export function currentTurnScope(): TurnScope | undefined {
  return scope.getStore();
}
