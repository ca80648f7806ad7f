import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { cardActionProblems } from './card-actions.js';
import { compileTemplate, type CompiledTemplate } from './compiled-template.js';

/** An Adaptive Card as Bot Framework attachments carry it. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const templateSchema = z.looseObject({ type: z.literal('AdaptiveCard'), version: z.literal('1.5') });

/** The templates the bot's code expands; each must be in the cards folder. */
export const TEMPLATE_NAMES = ['step', 'menu', 'matches', 'switch', 'help', 'summary', 'channel-summary', 'handover-list', 'statistics'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/**
 * The card templates in `cards/`: every `*.json` there that is an Adaptive Card (schema 1.5),
 * read and compiled once at start-up (compiled-template.ts: the adaptivecards-templating format,
 * expanded without the library); a broken template (also one with a button against the rule of
 * card-actions.ts), one with an expression the compiler does not know, or one the code names
 * that is missing, stops the bot there. Other JSON files in the folder (messages.json) are not
 * templates.
 */
export class CardTemplates {
  private constructor(private readonly templates: ReadonlyMap<string, CompiledTemplate>) {}

  static load(dir: string): CardTemplates {
    const templates = new Map<string, CompiledTemplate>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const path = join(dir, file);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (e) {
        throw new Error(`Card template ${path} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (typeof raw !== 'object' || raw === null || !('type' in raw) || raw.type !== 'AdaptiveCard') continue;
      const parsed = templateSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`Card template ${path} is not an Adaptive Card 1.5: ${parsed.error.message}`);
      const problems = cardActionProblems(parsed.data);
      if (problems.length > 0) throw new Error(`Card template ${path}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      const compiled = compileTemplate(parsed.data);
      if (!compiled) throw new Error(`Card template ${path} uses an expression the bot cannot expand; it knows property paths, count(…), and ==, !=, <, <=, >, >= against a path, a number, null, true or false`);
      templates.set(file.slice(0, -'.json'.length), compiled);
    }
    const missing = TEMPLATE_NAMES.filter((name) => !templates.has(name));
    if (missing.length > 0) throw new Error(`Card templates missing in ${dir}: ${missing.map((n) => `${n}.json`).join(', ')}`);
    return new CardTemplates(templates);
  }

  /** Every template's name (its file name without .json), in file order. */
  get names(): readonly string[] {
    return [...this.templates.keys()];
  }

  /** Expands a template with its typed data; the result is plain card JSON. */
  expand(name: TemplateName, data: object): AdaptiveCardJson {
    return this.expandAny(name, data);
  }

  /** Expands any template in the folder by name (the preview and the card tests show every one with its sample data). */
  expandAny(name: string, data: object): AdaptiveCardJson {
    const template = this.templates.get(name);
    if (!template) throw new Error(`Card template ${name} was not loaded`);
    const card = template(data);
    if (!isCard(card)) throw new Error(`Card template ${name} did not expand to an Adaptive Card`);
    // A card property whose $when was false (the refresh of a card nobody owns) is left as null: not sent.
    for (const [key, value] of Object.entries(card)) if (value === null) Reflect.deleteProperty(card, key);
    return card;
  }
}

function isCard(value: unknown): value is AdaptiveCardJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value && value.type === 'AdaptiveCard' && 'version' in value && typeof value.version === 'string';
}
