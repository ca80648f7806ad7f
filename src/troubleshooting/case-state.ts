import { z } from 'zod';

const shortId = z.string().min(1).max(80);
const MAX_STEPS = 200;

/** How cases stored before issue 19 kept each answered step: the node shown and the button clicked. */
const nodeAndAnswerSchema = z.strictObject({ node: shortId, answer: shortId });

const answerIdsSchema = z.array(shortId).max(MAX_STEPS);

/** Between two answer ids in a stored trail; answer ids are kebab-case, so never contain it. */
const SEPARATOR = ' ';

/**
 * The answers clicked, in order: the id of one button per answered step. The steps themselves
 * follow from replaying the answers over the flow from its start, so they are not stored. Stored
 * as one string of ids separated by spaces ("lukt-niet geen-rechten"): two bytes a step less than
 * a JSON array, so a 160-step case stays under 3 KB. Also read: the array of ids stored before
 * issue 19's second round, and the steps with their answers stored before that.
 */
export const trailSchema = z.union([
  z
    .string()
    .max(MAX_STEPS * 81)
    .transform(splitTrail)
    .pipe(answerIdsSchema),
  answerIdsSchema,
  z
    .array(nodeAndAnswerSchema)
    .max(MAX_STEPS)
    .transform((steps) => steps.map((s) => s.answer)),
]);

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

/** A case as the conversation state keeps it: its trail as one string (see {@link trailSchema}). */
export type StoredCase = Omit<CaseState, 'trail'> & { readonly trail: string | readonly string[] };

/** The stored form of a case; an id that would not survive the joining (none of a valid flow) keeps the trail a list. */
export function toStoredCase(state: CaseState): StoredCase {
  return { ...state, trail: state.trail.some((answer) => answer.includes(SEPARATOR)) ? state.trail : state.trail.join(SEPARATOR) };
}

/** A stored case as the engine uses it. */
export function fromStoredCase(stored: StoredCase): CaseState {
  const { trail } = stored;
  return { ...stored, trail: typeof trail === 'string' ? splitTrail(trail) : [...trail] };
}

/** The answer ids of a trail stored as one string. */
function splitTrail(joined: string): string[] {
  return joined === '' ? [] : joined.split(SEPARATOR);
}

/**
 * A stored case in any shape written so far, read into the shape written now, so a case stored
 * by an older version of the bot continues and is then stored the new way.
 */
export const storedCaseSchema: z.ZodType<StoredCase, unknown> = caseStateSchema.transform(toStoredCase);
