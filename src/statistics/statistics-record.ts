import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CaseState } from '../troubleshooting/case-state.js';
import { locate } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { CaseEnding } from './case-statistics.js';

/** How a recorded case ended: an end step's outcome, or one of the three ways a case is abandoned. */
export const statisticsEndingSchema = z.enum(['opgelost', 'niet-opgelost', 'doorverwijzen', 'gestopt', 'gewisseld', 'verlopen']);
export type StatisticsEnding = z.infer<typeof statisticsEndingSchema>;

/** The endings that count as abandoned in the report. */
export const ABANDONED: ReadonlySet<StatisticsEnding> = new Set(['gestopt', 'gewisseld', 'verlopen']);

const nodeId = z.string().min(1).max(80);

/**
 * One case as the statistics keep it. Deliberately without names, notes, case or conversation
 * ids, and without the time of day: the flow and its version, the steps in the order they were
 * shown (the last is where the case ended or was abandoned), the ending, the duration, the day.
 */
export const statisticsRecordSchema = z.strictObject({
  v: z.literal(1),
  flowId: nodeId,
  flowVersion: z.number().int().positive(),
  path: z.array(nodeId).max(201),
  ending: statisticsEndingSchema,
  durationMs: z.number().int().nonnegative(),
  /** UTC day the case ended, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type StatisticsRecord = z.infer<typeof statisticsRecordSchema>;

/** `2026-03-02`: the UTC day of a moment, the unit the statistics are stored by. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * The key a case is recorded under: derived from the case id, so recording a case twice (a turn
 * re-run after an eTag conflict) replaces its record, but not the case id itself.
 */
export function statisticsId(caseId: string): string {
  return createHash('sha256').update(`baliewijzer-statistics:${caseId}`).digest('base64url').slice(0, 22);
}

function endingOf(ending: CaseEnding): StatisticsEnding {
  switch (ending.kind) {
    case 'finished':
      return ending.outcome;
    case 'stopped':
      return 'gestopt';
    case 'switched':
      return 'gewisseld';
    case 'expired':
      return 'verlopen';
  }
}

/** The record of a case that ended at `endedAt`: the steps it passed, ending with the one on screen. */
export function statisticsRecord(catalog: FlowCatalog, state: CaseState, ending: CaseEnding, endedAt: Date): StatisticsRecord {
  const located = locate(catalog, state);
  const path = [...state.trail.map((entry) => entry.node), ...(located.ok ? [located.value.node.id] : [])];
  return {
    v: 1,
    flowId: state.flowId,
    flowVersion: state.flowVersion,
    path,
    ending: endingOf(ending),
    durationMs: Math.max(0, endedAt.getTime() - Date.parse(state.startedAt)),
    day: dayOf(endedAt),
  };
}
