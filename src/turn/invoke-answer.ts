import { ActivityTypes, type Activity, type InvokeResponse } from 'botbuilder';

/** The invoke Teams sends for a click on an `Action.Execute` (Universal Actions), and for a card's refresh. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

/** Whether the turn's activity is an `Action.Execute` click (or refresh), which Teams wants answered in the HTTP response. */
export function isCardAction(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Invoke && activity.name === CARD_ACTION_INVOKE;
}

/** What Teams accepts as the answer to an `Action.Execute`: a card that replaces the clicked one, or a short text. */
export type CardActionAnswer =
  | { readonly statusCode: 200; readonly type: typeof CARD_TYPE; readonly value: Readonly<Record<string, unknown>> }
  | { readonly statusCode: 200; readonly type: typeof MESSAGE_TYPE; readonly value: string };

/**
 * The body of the answer to an `Action.Execute`, in the shape Teams requires (status 200 inside
 * and out, never an empty body: Teams shows "Er is iets misgegaan" and may send the click again):
 * the Adaptive Card the reply carries, which replaces the clicked card for the one who clicked,
 * or else its text, which Teams shows under the card.
 */
export function invokeAnswerOf(reply: Partial<Activity>): CardActionAnswer {
  const card: unknown = reply.attachments?.find((a) => a.contentType === CARD_TYPE)?.content;
  if (isRecord(card)) return { statusCode: 200, type: CARD_TYPE, value: card };
  return { statusCode: 200, type: MESSAGE_TYPE, value: reply.text ?? '' };
}

/** The `invokeResponse` activity that makes the adapter answer the HTTP request with `reply` (see {@link invokeAnswerOf}). */
export function invokeResponseActivity(reply: Partial<Activity>): Partial<Activity> {
  const response: InvokeResponse<CardActionAnswer> = { status: 200, body: invokeAnswerOf(reply) };
  return { type: ActivityTypes.InvokeResponse, value: response };
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);
