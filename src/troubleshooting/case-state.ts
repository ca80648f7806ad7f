import { z } from 'zod';

const shortId = z.string().min(1).max(80);
const MAX_STEPS = 200;

/** How cases stored before issue 19 kept each answered step: the node shown and the button clicked. */
const nodeAndAnswerSchema = z.strictObject({ node: shortId, answer: shortId });

/**
 * The answers clicked, in order: the id of one button per answered step. The steps themselves
 * follow from replaying the answers over the flow from its start, so they are not stored (a
 * 160-step case stays under 3 KB). A case stored with the steps too is read as its answers.
 */
export const trailSchema = z.union([z.array(shortId).max(MAX_STEPS), z.array(nodeAndAnswerSchema).max(MAX_STEPS).transform((steps) => steps.map((s) => s.answer))]);

/**
 * Everything a case needs, small enough to store per conversation (well under 2 KB for any seed
 * path). The current node is not stored: it is derived by replaying the answers over the flow,
 * and an answer the flow no longer has where it is replayed is noticed instead of silently
 * continuing from a node that moved.
 */
export const caseStateSchema = z.strictObject({
  caseId: shortId,
  flowId: shortId,
  flowVersion: z.number().int().positive(),
  trail: trailSchema,
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

export type CaseState = z.output<typeof caseStateSchema>;
/** One answered step: the id of the button clicked. */
export type TrailEntry = string;
