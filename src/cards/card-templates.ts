import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { z } from 'zod';

/** An Adaptive Card as Bot Framework attachments carry it. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const templateSchema = z.looseObject({ type: z.literal('AdaptiveCard'), version: z.literal('1.5') });

export const TEMPLATE_NAMES = ['step', 'menu', 'help', 'summary', 'channel-summary', 'statistics'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The JSON templates in `cards/`, read once at start-up; a broken template stops the bot there. */
export class CardTemplates {
  private constructor(private readonly templates: ReadonlyMap<TemplateName, ACData.Template>) {}

  static load(dir: string): CardTemplates {
    const templates = new Map<TemplateName, ACData.Template>();
    for (const name of TEMPLATE_NAMES) {
      const file = join(dir, `${name}.json`);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`Card template ${file} cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      }
      const parsed = templateSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`Card template ${file} is not an Adaptive Card 1.5: ${parsed.error.message}`);
      templates.set(name, new ACData.Template(parsed.data));
    }
    return new CardTemplates(templates);
  }

  /** Expands a template with its typed data; the result is plain card JSON. */
  expand(name: TemplateName, data: object): AdaptiveCardJson {
    const template = this.templates.get(name);
    if (!template) throw new Error(`Card template ${name} was not loaded`);
    const card: unknown = template.expand({ $root: data });
    return templateSchema.parse(card) as AdaptiveCardJson;
  }
}
