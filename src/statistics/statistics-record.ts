import { createHash } from 'node:crypto';
import { z } from 'zod';
import { caseEndingSchema, type CaseEnding } from '../troubleshooting/case-ending.js';
import type { CaseState } from '../troubleshooting/case-state.js';
import { answeredSteps } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';

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
  ending: caseEndingSchema,
  durationMs: z.number().int().nonnegative(),
  /** UTC day the case ended, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The step a deep entry started at (typed symptom, "Doorverwijzen"); absent for a case from the top. */
  entry: nodeId.optional(),
});
export type StatisticsRecord = z.infer<typeof statisticsRecordSchema>;

/** A record with the key it is stored under. */
export const keyedStatisticsRecordSchema = z.strictObject({ id: z.string().min(1).max(40), record: statisticsRecordSchema });
export type KeyedStatisticsRecord = z.infer<typeof keyedStatisticsRecordSchema>;

/** `2026-03-02`: the UTC day of a moment, the unit the statistics are stored by. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * The key a case is recorded under: derived from the case id, so recording a case twice (a turn
 * delivered again after a crash) replaces its record, but not the case id itself.
 */
export function statisticsId(caseId: string): string {
  return createHash('sha256').update(`baliewijzer-statistics:${caseId}`).digest('base64url').slice(0, 22);
}

/**
 * The record of a case that ended at `endedAt` on step `lastNodeId` (the step on screen; none when
 * the case could no longer be placed in its flow): the steps it passed, ending with that one.
 */
export function statisticsRecord(catalog: FlowCatalog, state: CaseState, ending: CaseEnding, endedAt: Date, lastNodeId: string | undefined): KeyedStatisticsRecord {
  return {
    id: statisticsId(state.caseId),
    record: {
      v: 1,
      flowId: state.flowId,
      flowVersion: state.flowVersion,
      path: [...answeredSteps(catalog, state).map((s) => s.node.id), ...(lastNodeId === undefined ? [] : [lastNodeId])],
      ending,
      durationMs: Math.max(0, endedAt.getTime() - Date.parse(state.startedAt)),
      day: dayOf(endedAt),
      ...(state.entry === undefined ? {} : { entry: state.entry }),
    },
  };
}
