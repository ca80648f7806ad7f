/** Reading the Action.Submit buttons off an activity the bot sent, the way Teams shows them. */

export interface SubmitButton {
  readonly title: string;
  /** What Teams sends back as `activity.value` when the button is clicked. */
  readonly data: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every Action.Submit button on every Adaptive Card attached to `activity`, in card order. */
export function submitButtons(activity: unknown): SubmitButton[] {
  const buttons: SubmitButton[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (!isRecord(v)) return;
    if (v.type === 'Action.Submit' && typeof v.title === 'string') {
      buttons.push({ title: v.title, data: isRecord(v.data) ? v.data : {} });
    }
    for (const [key, child] of Object.entries(v)) if (key !== 'data') visit(child);
  };
  if (isRecord(activity) && Array.isArray(activity.attachments)) {
    for (const attachment of activity.attachments) {
      if (isRecord(attachment) && attachment.contentType === 'application/vnd.microsoft.card.adaptive') visit(attachment.content);
    }
  }
  return buttons;
}
