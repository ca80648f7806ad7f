import { z } from 'zod';

/**
 * How a case ends: the outcome of the end step it reached (a flow's `outcome`), or abandoned by
 * the staff member (stopped, another procedure chosen) or by time (untouched until it expired).
 * One vocabulary for the end card, the summary, the statistics and the report; the words staff
 * read for each are in cards/messages.json (`endings`).
 */
export const caseEndingSchema = z.enum(['opgelost', 'niet-opgelost', 'doorverwijzen', 'gestopt', 'gewisseld', 'verlopen']);
export type CaseEnding = z.infer<typeof caseEndingSchema>;

/** The endings an end step of a flow can have. */
export const outcomeSchema = caseEndingSchema.extract(['opgelost', 'niet-opgelost', 'doorverwijzen']);
export type Outcome = z.infer<typeof outcomeSchema>;

/** The endings that count as abandoned in the report. */
export const ABANDONED_ENDINGS: ReadonlySet<CaseEnding> = new Set(['gestopt', 'gewisseld', 'verlopen']);
