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
    for (const [key, child] of Object.entries(v)) if (key !== 'data') visit(child);
  };
  visit(card);
  return parts.join('\n');
}

export interface CardButton {
  readonly type: string;
  readonly title: string;
  readonly data?: unknown;
  readonly url?: string;
}

/** All buttons on the card (in ActionSets and the card's own actions). */
export function cardButtons(card: Json): CardButton[] {
  const buttons: CardButton[] = [];
  const visit = (v: Json): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    if (typeof v.type === 'string' && v.type.startsWith('Action.') && typeof v.title === 'string') {
      buttons.push({ type: v.type, title: v.title, data: v.data, url: typeof v.url === 'string' ? v.url : undefined });
    }
    for (const [key, child] of Object.entries(v)) if (key !== 'data') visit(child);
  };
  visit(card);
  return buttons;
}

/** The Adaptive Card in an activity, if it carries one. */
export function cardOf(activity: { attachments?: Array<{ contentType?: string; content?: unknown }> }): Json | undefined {
  return activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
