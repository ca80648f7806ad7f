import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DAY_MS } from '../clock/durations.js';
import type { SweepRule } from '../storage/store-sweep.js';
import type { Store } from '../storage/store.js';
import { updateDocument } from '../storage/update-document.js';
import { phraseKey } from '../troubleshooting/search/dutch-text.js';
import { dayOf } from './statistics-record.js';

/**
 * What staff typed that the bot did not recognise, so content editors see which synonyms and
 * entry phrases to add: masked (no e-mail addresses, numbers or names after a title), counted per
 * phrase and day, and deleted after the record retention.
 *
 * One document per normalised phrase per day (`baliewijzer/unrecognised/<day>/<phrase hash>`):
 * two staff members typing different things never write the same document, and the same phrase
 * typed twice adds one to its count.
 */
export const UNRECOGNISED_PREFIX = 'baliewijzer/unrecognised/';

/** Longest phrase kept; typed text is one or two sentences. */
export const MAX_PHRASE_CHARS = 200;
/** Occurrences remembered per document, so a turn carried out again (a re-sent activity) is not counted twice. */
const MAX_OCCURRENCES = 50;
/** How many phrases the report lists. */
export const TOP_PHRASES = 10;

const phrase = z.string().min(1).max(MAX_PHRASE_CHARS);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** An unrecognised phrase as a turn queues it (a case effect, carried out after the turn is saved). */
export const unrecognisedPhraseSchema = z.strictObject({
  phrase,
  /** Names the typed message (a hash), so counting it again after a crash changes nothing. */
  occurrence: z.string().min(1).max(64),
  at: z.iso.datetime(),
});
export type UnrecognisedPhrase = z.infer<typeof unrecognisedPhraseSchema>;

const storedSchema = z.strictObject({
  v: z.literal(1),
  phrase,
  day,
  count: z.number().int().positive(),
  occurrences: z.array(z.string().max(64)).max(MAX_OCCURRENCES),
  lastAt: z.iso.datetime(),
});

/** One phrase and how often it was typed. */
export interface PhraseCount {
  readonly phrase: string;
  readonly count: number;
}

/** Typed text as it is kept: masked by `mask`, on one line, lower case, cut; undefined when nothing is left. */
export function unrecognisedPhrase(text: string, mask: (text: string) => string): string | undefined {
  const kept = mask(text).replace(/\s+/g, ' ').trim().toLowerCase().slice(0, MAX_PHRASE_CHARS).trim();
  return kept === '' ? undefined : kept;
}

/** A short, stable name for one typed message (from its conversation and activity ids), not the ids themselves. */
export function occurrenceId(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 22);
}

/** The phrases in the bot's storage. */
export class UnrecognisedPhrases {
  constructor(private readonly store: Store) {}

  /** Counts one occurrence of a phrase on the day it was typed (once, however often the same occurrence is recorded). */
  async record(typed: UnrecognisedPhrase): Promise<void> {
    const at = new Date(typed.at);
    const today = dayOf(at);
    await updateDocument(this.store, keyOf(today, typed.phrase), (current) => {
      const stored = current === undefined ? undefined : storedSchema.safeParse(current.value);
      const before = stored?.success ? stored.data : undefined;
      if (before?.occurrences.includes(typed.occurrence)) return undefined;
      return {
        v: 1,
        phrase: typed.phrase,
        day: today,
        count: (before?.count ?? 0) + 1,
        occurrences: [...(before?.occurrences ?? []), typed.occurrence].slice(-MAX_OCCURRENCES),
        lastAt: typed.at,
      };
    });
  }

  /** The most frequent phrases over these days (YYYY-MM-DD), most frequent first; the same phrase on several days counts together. */
  async top(days: readonly string[], limit = TOP_PHRASES): Promise<PhraseCount[]> {
    const counts = new Map<string, { phrase: string; count: number }>();
    for (const d of days) {
      const keys: string[] = [];
      for await (const listed of this.store.list(`${UNRECOGNISED_PREFIX}${d}/`)) keys.push(listed.key);
      for (const stored of (await this.store.readMany(keys)).values()) {
        const parsed = storedSchema.safeParse(stored.value);
        if (!parsed.success) continue;
        const key = phraseKey(parsed.data.phrase);
        const total = counts.get(key);
        if (total) total.count += parsed.data.count;
        else counts.set(key, { phrase: parsed.data.phrase, count: parsed.data.count });
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase)).slice(0, limit);
  }
}

/** The sweep deletes a phrase's document once its last occurrence is older than the record retention (config RECORD_RETENTION_DAYS). */
export function unrecognisedRetentionRule(retentionDays: number): SweepRule {
  const cutoff = (now: Date): Date => new Date(now.getTime() - retentionDays * DAY_MS);
  return {
    name: 'unrecognised-phrase',
    prefix: UNRECOGNISED_PREFIX,
    cutoff,
    due: (value, now) => {
      const parsed = z.looseObject({ lastAt: z.iso.datetime() }).safeParse(value);
      return parsed.success && Date.parse(parsed.data.lastAt) < cutoff(now).getTime();
    },
  };
}

function keyOf(on: string, typed: string): string {
  const hash = createHash('sha256').update(phraseKey(typed) || typed).digest('base64url').slice(0, 22);
  return `${UNRECOGNISED_PREFIX}${on}/${hash}`;
}
