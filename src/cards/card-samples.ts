import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AdaptiveCardJson, CardTemplates } from './card-templates.js';

/**
 * Sample data for each card template, in `cards/samples/<template>.json` next to the templates:
 * made-up content (no real names) that shows the card in its states. The preview gallery and the
 * card tests take the list of cards from here, so a new template is checked as soon as it has a
 * sample, and a template without one fails the tests.
 */
const samplesSchema = z.array(z.strictObject({ name: z.string().regex(/^[a-z0-9-]+$/), caption: z.string().min(1), data: z.record(z.string(), z.unknown()) })).min(1);

export interface SampleCard {
  readonly template: string;
  readonly name: string;
  readonly caption: string;
  readonly card: AdaptiveCardJson;
}

/** Every template with its samples expanded; throws naming the template without samples or with unreadable ones. */
export function sampleCards(templates: CardTemplates, cardsDir: string): SampleCard[] {
  return templates.names.flatMap((template) => {
    const file = join(cardsDir, 'samples', `${template}.json`);
    if (!existsSync(file)) throw new Error(`${file} is missing: every card template needs sample data next to it`);
    const parsed = samplesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data.map((sample) => ({ template, name: sample.name, caption: sample.caption, card: templates.expandAny(template, sample.data) }));
  });
}
