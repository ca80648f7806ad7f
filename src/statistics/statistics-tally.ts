import { z } from 'zod';
import { caseEndingSchema, type CaseEnding } from '../troubleshooting/case-ending.js';
import type { StatisticsRecord } from './statistics-record.js';

/**
 * Cases counted, not listed: per flow, how they ended, how long they took and the versions they
 * ran; per step, how many cases reached it, how many started there, and how those that ended on it ended. This is what the
 * report needs (durations are kept, for the medians), and what a compacted day stores: reading
 * a day's tally is one small parse, where its records were one parse per case.
 */
const endingCountsSchema = z.record(caseEndingSchema, z.number().int().nonnegative());
const durationsSchema = z.array(z.number().int().nonnegative());

const stepTallySchema = z.strictObject({
  reached: z.number().int().nonnegative(),
  endedHere: endingCountsSchema,
  /** Durations of the cases that ended on this step, ms. */
  durations: durationsSchema,
  /** Cases that started at this step (deep entry); absent in a day compacted before entries were counted. */
  entered: z.number().int().nonnegative().default(0),
});

const flowTallySchema = z.strictObject({
  endings: endingCountsSchema,
  durations: durationsSchema,
  versions: z.array(z.number().int().positive()),
  steps: z.record(z.string().min(1).max(80), stepTallySchema),
});

export const tallySchema = z.record(z.string().min(1).max(80), flowTallySchema);

export type StepTally = z.infer<typeof stepTallySchema>;
export type FlowTally = z.infer<typeof flowTallySchema>;
export type Tally = z.infer<typeof tallySchema>;

export const NO_ENDINGS: Readonly<Record<CaseEnding, number>> = { opgelost: 0, 'niet-opgelost': 0, doorverwijzen: 0, gestopt: 0, gewisseld: 0, verlopen: 0 };

/** Adds records to a tally (changing it). A case that passes a step twice ("controleer opnieuw") reaches it once. */
export function addRecords(tally: Tally, records: Iterable<StatisticsRecord>): Tally {
  for (const r of records) {
    const flow = (tally[r.flowId] ??= { endings: { ...NO_ENDINGS }, durations: [], versions: [], steps: {} });
    flow.endings[r.ending] += 1;
    flow.durations.push(r.durationMs);
    if (!flow.versions.includes(r.flowVersion)) flow.versions.push(r.flowVersion);
    for (const id of new Set(r.path)) {
      const step = (flow.steps[id] ??= { reached: 0, endedHere: { ...NO_ENDINGS }, durations: [], entered: 0 });
      step.reached += 1;
    }
    if (r.entry !== undefined) {
      const step = (flow.steps[r.entry] ??= { reached: 0, endedHere: { ...NO_ENDINGS }, durations: [], entered: 0 });
      step.entered += 1;
    }
    const last = r.path.at(-1);
    const step = last === undefined ? undefined : flow.steps[last];
    if (step) {
      step.endedHere[r.ending] += 1;
      step.durations.push(r.durationMs);
    }
  }
  return tally;
}

/** Adds `more` to `tally` (changing `tally`, never `more`). */
export function addTally(tally: Tally, more: Tally): Tally {
  for (const [flowId, other] of Object.entries(more)) {
    const flow = (tally[flowId] ??= { endings: { ...NO_ENDINGS }, durations: [], versions: [], steps: {} });
    addCounts(flow.endings, other.endings);
    flow.durations.push(...other.durations);
    for (const version of other.versions) if (!flow.versions.includes(version)) flow.versions.push(version);
    for (const [id, otherStep] of Object.entries(other.steps)) {
      const step = (flow.steps[id] ??= { reached: 0, endedHere: { ...NO_ENDINGS }, durations: [], entered: 0 });
      step.reached += otherStep.reached;
      step.entered += otherStep.entered;
      addCounts(step.endedHere, otherStep.endedHere);
      step.durations.push(...otherStep.durations);
    }
  }
  return tally;
}

/** How many cases a tally counts. */
export const casesIn = (tally: Tally): number => Object.values(tally).reduce((sum, flow) => sum + flow.durations.length, 0);

const ENDINGS = caseEndingSchema.options;

function addCounts(into: Record<CaseEnding, number>, from: Readonly<Record<CaseEnding, number>>): void {
  for (const ending of ENDINGS) into[ending] += from[ending];
}
