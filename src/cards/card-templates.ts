import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { z } from 'zod';
import { cardActionProblems } from './card-actions.js';

/** An Adaptive Card as Bot Framework attachments carry it. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const templateSchema = z.looseObject({ type: z.literal('AdaptiveCard'), version: z.literal('1.5') });

/** The templates the bot's code expands; each must be in the cards folder. */
export const TEMPLATE_NAMES = ['step', 'menu', 'matches', 'switch', 'help', 'summary', 'channel-summary', 'handover-list', 'statistics'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/**
 * The card templates in `cards/`: every `*.json` there that is an Adaptive Card (schema 1.5),
 * read once at start-up; a broken template (also one with a button against the rule of
 * card-actions.ts), or one the code names that is missing, stops the bot there. Other JSON files
 * in the folder (messages.json) are not templates.
 */
export class CardTemplates {
  private constructor(private readonly templates: ReadonlyMap<string, ACData.Template>) {}

  static load(dir: string): CardTemplates {
    const templates = new Map<string, ACData.Template>();
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
      templates.set(file.slice(0, -'.json'.length), new ACData.Template(parsed.data));
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
    const card = templateSchema.parse(template.expand({ $root: data }));
    // A card property whose $when was false (the refresh of a card nobody owns) is left as null: not sent.
    for (const [key, value] of Object.entries(card)) if (value === null) Reflect.deleteProperty(card, key);
    return card as AdaptiveCardJson;
  }
}
