/**
 * An Adaptive Card as a terminal shows it: its visible text in order, links with their address,
 * and the buttons that do something, numbered so a developer can type the number to click.
 */

/** A button that sends something to the bot. */
export type CardAction =
  | { readonly kind: 'submit'; readonly title: string; readonly data: unknown }
  | { readonly kind: 'execute'; readonly title: string; readonly verb: string; readonly data: unknown };

/** An input field on the card; its value goes with any button's data when it is clicked. */
export interface CardInput {
  readonly id: string;
  readonly label: string;
  readonly choices: ReadonlyArray<{ readonly title: string; readonly value: string }>;
}

export interface TextCard {
  readonly lines: readonly string[];
  readonly actions: readonly CardAction[];
  readonly inputs: readonly CardInput[];
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Reads a card (as the bot sent it) into lines, numbered actions and inputs. */
export function cardAsText(card: Json): TextCard {
  const lines: string[] = [];
  const actions: CardAction[] = [];
  const inputs: CardInput[] = [];

  const action = (a: Record<string, unknown>): void => {
    const title = text(a.title) ?? '(knop)';
    if (a.type === 'Action.OpenUrl') lines.push(`  ↗ ${title.replace(/\s*↗$/, '')}: ${String(a.url ?? '')}`);
    else if (a.type === 'Action.Submit') actions.push({ kind: 'submit', title, data: a.data });
    else if (a.type === 'Action.Execute') actions.push({ kind: 'execute', title, verb: typeof a.verb === 'string' ? a.verb : '', data: a.data });
    else if (a.type === 'Action.ShowCard' && isObject(a.card)) visit(a.card);
  };

  const visit = (v: Json): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    switch (v.type) {
      case 'TextBlock': {
        const t = text(v.text);
        if (t) lines.push(v.weight === 'Bolder' || v.style === 'heading' ? `**${t}**` : t);
        return;
      }
      case 'FactSet':
        if (Array.isArray(v.facts)) for (const f of v.facts) if (isObject(f)) lines.push(`  ${String(f.title ?? '')}: ${String(f.value ?? '')}`);
        return;
      case 'Input.Text':
      case 'Input.ChoiceSet': {
        const id = text(v.id);
        if (!id) return;
        const choices = Array.isArray(v.choices) ? v.choices.filter(isObject).map((c) => ({ title: String(c.title ?? ''), value: String(c.value ?? '') })) : [];
        inputs.push({ id, label: text(v.label) ?? text(v.placeholder) ?? id, choices });
        return;
      }
      case 'ActionSet':
        if (Array.isArray(v.actions)) v.actions.filter(isObject).forEach(action);
        return;
      default:
        for (const key of ['body', 'items', 'columns']) if (key in v) visit(v[key]);
    }
  };

  if (isObject(card)) {
    visit(card.body);
    if (Array.isArray(card.actions)) card.actions.filter(isObject).forEach(action);
  }
  return { lines, actions, inputs };
}

/** The card's lines, then its buttons as `[1] Geen rechten   [2] Rechten aanwezig`. */
export function formatCard(card: TextCard): string {
  const buttons = card.actions.map((a, i) => `[${i + 1}] ${a.title}`).join('   ');
  return [...card.lines, ...(buttons === '' ? [] : [buttons])].join('\n');
}
