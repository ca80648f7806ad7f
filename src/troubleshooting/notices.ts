import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { zonedMoment } from '../clock/local-time.js';
import type { FlowProblem } from './flow-problem.js';
import { linkSchema } from './flow-schema.js';
import { err, ok, type Result } from './result.js';
import { readYaml } from './yaml-document.js';

/**
 * Notices from content editors (`flows/notices.yaml`): a short text, optionally a link, shown as
 * a banner on the menu and on the first card of a case while it is valid, for every procedure or
 * only the ones it names ("Inloggen bij de KB is verstoord sinds 9:00").
 */
export const NOTICES_FILE = 'notices.yaml';

/** Longest notice text: a banner, not a page. */
export const MAX_NOTICE_LENGTH = 300;

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'gebruik alleen kleine letters, cijfers en streepjes (kebab-case)');

/** `2026-11-30 09:00` (the library's time zone), or with an offset: `2026-11-30T09:00+01:00`, `…Z`. */
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;
const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/;
const moment = z.string().trim().refine((value) => LOCAL_TIME.test(value) || WITH_OFFSET.test(value), {
  message: 'tijd als JJJJ-MM-DD UU:MM (bijvoorbeeld 2026-11-30 09:00), of met tijdzone (2026-11-30T09:00+01:00)',
});

const noticeEntrySchema = z.strictObject({
  id,
  text: z.string().trim().min(1).max(MAX_NOTICE_LENGTH, `de tekst mag hoogstens ${MAX_NOTICE_LENGTH} tekens zijn`),
  link: linkSchema.optional(),
  from: moment,
  until: moment,
  /** The procedures (flow ids) it is about; without: all of them. */
  flows: z.array(id).min(1).optional(),
});

export const noticesFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  notices: z.array(noticeEntrySchema).max(20).default([]),
});

/** A checked notice, its times as moments. */
export interface Notice {
  readonly id: string;
  readonly text: string;
  readonly link?: { readonly title: string; readonly url: string };
  readonly from: Date;
  readonly until: Date;
  readonly flows?: readonly string[];
}

export interface NoticeOptions {
  /** The library's time zone, for times written without an offset. */
  readonly timeZone: string;
  /** The procedures that exist; a notice naming another one is a problem. Unchecked when absent. */
  readonly flowIds?: ReadonlySet<string>;
}

/** Parses the text of a notices file; every problem names file and line. */
export function parseNotices(file: string, text: string, options: NoticeOptions): Result<Notice[], FlowProblem[]> {
  const read = readYaml(file, text);
  if (!read.ok) return read;
  const { lineOf } = read.value;
  const parsed = noticesFileSchema.safeParse(read.value.value ?? {});
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => ({ file, line: lineOf(issue.path), message: `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}` })));
  }
  const problems: FlowProblem[] = [];
  const seen = new Set<string>();
  const notices = parsed.data.notices.map((entry, index): Notice => {
    const at = (...path: PropertyKey[]): number | undefined => lineOf(['notices', index, ...path]);
    if (seen.has(entry.id)) problems.push({ file, line: at('id'), message: `melding "${entry.id}" staat twee keer in het bestand` });
    seen.add(entry.id);
    const from = toMoment(entry.from, options.timeZone);
    const until = toMoment(entry.until, options.timeZone);
    if (Number.isNaN(from.getTime())) problems.push({ file, line: at('from'), message: `from: "${entry.from}" is geen bestaande datum en tijd` });
    if (Number.isNaN(until.getTime())) problems.push({ file, line: at('until'), message: `until: "${entry.until}" is geen bestaande datum en tijd` });
    else if (until.getTime() <= from.getTime()) problems.push({ file, line: at('until'), message: `until (${entry.until}) moet na from (${entry.from}) liggen` });
    entry.flows?.forEach((flowId, f) => {
      if (options.flowIds && !options.flowIds.has(flowId)) problems.push({ file, line: at('flows', f), message: `stappenplan "${flowId}" bestaat niet (kies een id uit flows/*.yaml)` });
    });
    return { id: entry.id, text: entry.text, link: entry.link, from, until, flows: entry.flows };
  });
  return problems.length > 0 ? err(problems) : ok(notices);
}

/** Reads `notices.yaml` in a flows folder; no file means no notices. */
export function readNotices(dir: string, options: NoticeOptions): Result<Notice[], FlowProblem[]> {
  const file = join(dir, NOTICES_FILE);
  if (!existsSync(file)) return ok([]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err([{ file, message: `meldingen niet leesbaar: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  return parseNotices(file, text, options);
}

/**
 * The notices valid at `now` (from its start up to, not including, its end): on a case's first
 * card the ones for its procedure and the general ones; on the menu (no procedure) all of them.
 */
export function noticesFor(notices: readonly Notice[], now: Date, flowId?: string): Notice[] {
  const t = now.getTime();
  return notices.filter((n) => n.from.getTime() <= t && t < n.until.getTime() && (flowId === undefined || n.flows === undefined || n.flows.includes(flowId)));
}

/** The moment a checked time stands for; an invalid date when its day or time does not exist (2026-02-30, 25:00). */
function toMoment(value: string, timeZone: string): Date {
  const local = LOCAL_TIME.exec(value);
  const [, day = '', time = ''] = local ?? WITH_OFFSET.exec(value) ?? [];
  if (!exists(day, time)) return new Date(Number.NaN);
  return local ? zonedMoment(day, time, timeZone) : new Date(value);
}

/** Date parses 2026-02-30 as 2 March: a day and time exist when they come back as written. */
function exists(day: string, time: string): boolean {
  const wall = Date.parse(`${day}T${time}:00Z`);
  return !Number.isNaN(wall) && new Date(wall).toISOString().slice(0, 16) === `${day}T${time}`;
}
