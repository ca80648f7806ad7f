import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line of one turn carries: a correlation id and the hashed conversation. */
export interface TurnScope {
  readonly correlationId: string;
  readonly conversation?: string;
}

const scope = new AsyncLocalStorage<TurnScope>();

/** Runs `work` with a fresh correlation id that every log line inside it will carry. */
export function inTurnScope<T>(conversation: string | undefined, work: () => Promise<T>): Promise<T> {
  return scope.run({ correlationId: randomUUID(), conversation }, work);
}

export function currentTurnScope(): TurnScope | undefined {
  return scope.getStore();
}
