import { z } from 'zod';

/**
 * What our cards put in a button's data (Action.Execute, and the same in its Action.Submit
 * fallback), and so what arrives on a click: as `value.action.data` of an `adaptiveCard/action`
 * invoke, or as `activity.value` of a message from a client without Universal Actions. Parsed
 * with zod the moment it arrives: anything else is answered, never acted on.
 */
const ref = z.string().min(1).max(80);
const step = z.number().int().min(1).max(1000);
/** The team a handed-over case belongs to (its summary channel's team id). */
const team = z.string().min(1).max(300);

export const SUBMIT_VERSION = 1;

/**
 * Who a case belongs to, on the buttons of its cards in a group chat or channel: the Teams user id
 * (what Teams sends as `from.id`, and what `refresh.userIds` lists) and the name the card shows.
 */
export const ownerSchema = z.strictObject({ id: z.string().min(1).max(200), name: z.string().max(200) });
export type Owner = z.infer<typeof ownerSchema>;

const owner = ownerSchema.optional();

export const submitSchema = z.discriminatedUnion('action', [
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('answer'), caseId: ref, node: ref, step, answer: ref, owner }),
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('back'), caseId: ref, step, owner }),
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('restart'), caseId: ref, owner }),
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('stop'), caseId: ref, owner }),
  /** Start a procedure: from the menu, a "Bedoel je …?" option or "Doorverwijzen"; with `node`, at that step. */
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('start'), flow: ref, node: ref.optional() }),
  /** "Vanaf het begin": the case that started at a later step, again from the top. */
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('from-start'), caseId: ref, owner }),
  /** "Nieuwe casus: …" after typing another problem during a case: stop this case, start that one. */
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('switch'), caseId: ref, flow: ref, node: ref.optional(), owner }),
  /** "Verder met de huidige casus": the current step's card again. */
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('resume'), caseId: ref, owner }),
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('menu') }),
  /** "Deel in teamkanaal" on a summary card; `note` and `team` come from the card's inputs. */
  z.object({
    v: z.literal(SUBMIT_VERSION),
    action: z.literal('share'),
    caseId: ref,
    note: z.string().max(5000).optional(),
    team: z.string().max(300).optional(),
    owner,
  }),
  /** Handing over an unresolved case from its channel summary (or a list of open cases). */
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('claim'), caseId: ref, team }),
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('continue'), caseId: ref, team }),
  /** "Afgehandeld"; `note` comes from the card's input. */
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('handled'), caseId: ref, team, note: z.string().max(5000).optional() }),
  /**
   * Not a button: the `refresh` action of a case card in a shared chat, which Teams runs to ask
   * for the card as the person looking at it should see it (the owner's live card, or the
   * read-only view for everyone else). It names the card: its case, flow, step and owner.
   */
  z.object({ v: z.literal(SUBMIT_VERSION), action: z.literal('refresh'), caseId: ref, flow: ref, node: ref, step, owner: ownerSchema }),
]);

export type Submit = z.infer<typeof submitSchema>;
export type SubmitAction = Submit['action'];

/** The buttons of a handed-over case, as one type. */
export type HandoverSubmit = Extract<Submit, { action: 'claim' | 'continue' | 'handled' }>;

export function isHandoverSubmit(submit: Submit): submit is HandoverSubmit {
  return submit.action === 'claim' || submit.action === 'continue' || submit.action === 'handled';
}

type WithoutVersion<T> = T extends unknown ? Omit<T, 'v'> : never;

/** Builds submit data with the version stamped in, typed so cards cannot carry malformed data. */
export function submitData(data: WithoutVersion<Submit>): Submit {
  return { v: SUBMIT_VERSION, ...data };
}

/** The owner a click or refresh names, when its card belongs to someone (a case card in a shared chat). */
export function ownerOf(submit: Submit): Owner | undefined {
  return 'owner' in submit ? submit.owner : undefined;
}
