/** Reading cards the way a staff member does: the visible text and the buttons. */

type Json = unknown;

const isObject = (v: Json): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every piece of text a person sees on the card, in order, joined by newlines. */
export function cardText(card: Json): string {
  const parts: string[] = [];
  const visit = (v: Json): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    if (v.type === 'TextBlock' && typeof v.text === 'string') parts.push(v.text);
    if (typeof v.title === 'string' && (typeof v.type !== 'string' || v.type.startsWith('Action.'))) parts.push(v.title);
    if (typeof v.value === 'string' && typeof v.title === 'string') parts.push(v.value);
    // A fallback is the same button for older clients (seen once); the refresh action is no button at all.
    for (const [key, child] of Object.entries(v)) if (key !== 'data' && key !== 'fallback' && key !== 'refresh') visit(child);
  };
  visit(card);
  return parts.join('\n');
}

export interface CardButton {
  readonly type: string;
  readonly title: string;
  readonly data?: unknown;
  readonly url?: string;
  /** An Action.Execute's verb (what Teams sends as `value.action.verb`). */
  readonly verb?: string;
  /** The action an older client shows instead (for an Action.Execute: its Action.Submit). */
  readonly fallback?: CardButton;
}

/** All buttons on the card (in ActionSets and the card's own actions), as a person sees them: a fallback is part of its button, not another one. */
export function cardButtons(card: Json): CardButton[] {
  const buttons: CardButton[] = [];
  const asButton = (v: Record<string, unknown>): CardButton | undefined =>
    typeof v.type === 'string' && v.type.startsWith('Action.') && typeof v.title === 'string'
      ? {
          type: v.type,
          title: v.title,
          data: v.data,
          url: typeof v.url === 'string' ? v.url : undefined,
          verb: typeof v.verb === 'string' ? v.verb : undefined,
          fallback: isObject(v.fallback) ? asButton(v.fallback) : undefined,
        }
      : undefined;
  const visit = (v: Json): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    const button = asButton(v);
    if (button) buttons.push(button);
    for (const [key, child] of Object.entries(v)) if (key !== 'data' && key !== 'fallback' && key !== 'refresh') visit(child);
  };
  visit(card);
  return buttons;
}

/** The buttons that send something to the bot (Action.Execute, or Action.Submit on a card without Universal Actions). */
export function botButtons(card: Json): CardButton[] {
  return cardButtons(card).filter((b) => b.type === 'Action.Execute' || b.type === 'Action.Submit');
}

/** The Adaptive Card in an activity, if it carries one. */
export function cardOf(activity: { attachments?: Array<{ contentType?: string; content?: unknown }> }): Json | undefined {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
