import { z } from 'zod';

const shortId = z.string().min(1).max(80);

/** One answered step: the node that was shown and the button that was clicked. */
export const trailEntrySchema = z.strictObject({
  node: shortId,
  answer: shortId,
});

/**
 * Everything a case needs, small enough to store per conversation (well under 2 KB for any seed
 * path). The current node is not stored: it is derived by replaying the trail over the flow, so a
 * changed flow is noticed instead of silently continuing from a node that moved.
 */
export const caseStateSchema = z.strictObject({
  caseId: shortId,
  flowId: shortId,
  flowVersion: z.number().int().positive(),
  trail: z.array(trailEntrySchema).max(200),
  startedAt: z.iso.datetime(),
  /**
   * Set when this case continues one a colleague left unresolved and this staff member picked up
   * from the team channel: that case's id and the team it was handed over in (names stay there).
   */
  continues: z.strictObject({ caseId: shortId, team: z.string().min(1).max(300) }).optional(),
  /**
   * The step a deep entry started at (typed symptom, "Doorverwijzen"); absent for a case from the
   * top. The trail is replayed from here, or from the guard the flow asks before it.
   */
  entry: shortId.optional(),
});

export type CaseState = z.infer<typeof caseStateSchema>;
export type TrailEntry = z.infer<typeof trailEntrySchema>;
