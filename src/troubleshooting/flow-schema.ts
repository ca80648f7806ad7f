import { z } from 'zod';
import { outcomeSchema } from './case-ending.js';

/**
 * The flow file format: the single source of truth for `flows/*.yaml`, the loader and the engine.
 * Content editors write these files; every field a card shows comes from here.
 */

/** Bump when the file format itself changes incompatibly; each flow file declares the one it was written for. */
export const FLOW_SCHEMA_VERSION = 1;

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'gebruik alleen kleine letters, cijfers en streepjes (kebab-case)');

const text = z.string().trim().min(1);
/**
 * A flow's or a step's title: a card heading and a button label, and carried in a card's intent
 * ("Gekozen: …", at most 200 characters there), so a longer one would break a re-sent turn's replies.
 */
const title = text.max(200);

const httpsUrl = z
  .string()
  .url()
  .refine((value) => value.startsWith('https://'), 'links moeten met https:// beginnen');

/** Where a step comes from: the seed document and the section heading (or first words) it was taken from. */
export const sourceSchema = z.strictObject(
  {
    document: z.string().regex(/^[\w.-]+\.txt$/, 'naam van een brondocument uit flows/sources.json, bijvoorbeeld 000_x.txt'),
    section: text,
  },
  { error: (issue) => (issue.input === undefined ? 'bron ontbreekt: elke stap noemt zijn brondocument en sectie, bijvoorbeeld source: { document: 000_x.txt, section: Check rechten }' : undefined) },
);

/** A Wise menu path, clicked left to right: ["Klant", "Inlogaccount", "Toon inlogaccount-rechten"]. */
export const wisePathSchema = z.array(text).min(2);

export const linkSchema = z.strictObject({
  title: text,
  url: httpsUrl,
});

/** One numbered instruction for the staff member, optionally with the Wise menu path to use for it. */
export const instructionStepSchema = z.strictObject({
  text,
  wise: wisePathSchema.optional(),
});

/** A small two-column table, e.g. the rights as Wise shows them. */
export const factSchema = z.strictObject({
  name: text,
  value: text,
});

const answerFields = {
  id,
  label: z.string().trim().min(1).max(40, 'knoptekst mag hoogstens 40 tekens zijn'),
  /**
   * Marks an edge that goes back to an earlier node because the seed says to check again
   * ("controleer opnieuw"). Only such edges may close a cycle.
   */
  loop: z.boolean().optional(),
};

export const answerSchema = z.strictObject({ ...answerFields, next: id });

/** What every node can show on its card. */
const contentFields = {
  id,
  title,
  text: text.optional(),
  wise: wisePathSchema.optional(),
  steps: z.array(instructionStepSchema).optional(),
  facts: z.array(factSchema).optional(),
  warnings: z.array(text).optional(),
  links: z.array(linkSchema).max(5).optional(),
  /**
   * Symptoms, as staff would type them, that this step handles: typed text that matches one starts
   * the case here instead of at the flow's start ("resetmail komt niet aan" → the spam box step).
   */
  entry: z.array(text).optional(),
  source: sourceSchema,
};

export const questionNodeSchema = z.strictObject({
  kind: z.literal('question'),
  ...contentFields,
  question: text,
  answers: z.array(answerSchema).min(2).max(6),
  /**
   * A check the seeds put before the steps after it (the colleague/volunteer question): a case
   * that starts at one of those steps (typed symptom, "Doorverwijzen") asks this question first,
   * and its answer `pass` ("Gewone klant") then continues at that step.
   */
  guard: z.strictObject({ pass: id }).optional(),
});

export const instructionNodeSchema = z.strictObject({
  kind: z.literal('instruction'),
  ...contentFields,
  next: id,
  /** Button text for "done, next step"; defaults to "Gedaan". */
  continueLabel: z.string().trim().min(1).max(40).optional(),
});


export const endNodeSchema = z.strictObject({
  kind: z.literal('end'),
  ...contentFields,
  outcome: outcomeSchema,
  /**
   * "Doorverwijzen" to another procedure: the end card gets a button that starts it, at `node`
   * when given (deep entry, with the guard the flow asks before that step), and the summary names
   * it. The loader checks that the flow and step exist.
   */
  continueIn: z.strictObject({ flow: id, node: id.optional() }).optional(),
});

export const flowNodeSchema = z.discriminatedUnion('kind', [
  questionNodeSchema,
  instructionNodeSchema,
  endNodeSchema,
]);

/**
 * A node in `flows/shared/`, defined once and included by several flows. An answer (or an
 * instruction's `next`) left without `next` is open: each flow that includes the node says where
 * it leads there.
 */
export const sharedNodeSchema = z.discriminatedUnion('kind', [
  questionNodeSchema.extend({ answers: z.array(z.strictObject({ ...answerFields, next: id.optional() })).min(2).max(6) }),
  instructionNodeSchema.extend({ next: id.optional() }),
  endNodeSchema,
]);

/** A file in `flows/shared/`: nodes that flows include by id. */
export const sharedNodesFileSchema = z.strictObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  nodes: z.array(sharedNodeSchema).min(1),
});

/**
 * In a flow's `nodes`: a shared node, by id, and where its open answers lead in this flow
 * (`next: { gewone-klant: rechten-check }`; an open instruction uses the answer id `verder`).
 */
export const includeSchema = z.strictObject({
  include: id,
  next: z.record(id, id).optional(),
  /** Symptoms typed by staff that this shared step handles in this flow (deep entry, see `entry` on a node). */
  entry: z.array(text).optional(),
});

/**
 * What changed in one version of a flow, for staff: the first case of each staff member after a
 * version change shows it once ("Dit stappenplan is gewijzigd op <date>: <note>").
 */
export const flowChangeSchema = z.strictObject({
  version: z.number().int().positive(),
  /** The day the change took effect, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-20'),
  note: z.string().trim().min(1).max(300, 'de toelichting mag hoogstens 300 tekens zijn'),
});

export const flowSchema = z.strictObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  id,
  title,
  /** Content version: bump when steps change, so summaries and open cases say which version they used. */
  version: z.number().int().positive(),
  /** Per version, what changed (newest last); the entry for the current version is shown to staff once. */
  changes: z.array(flowChangeSchema).optional(),
  /** One line for the problem menu. */
  description: text,
  /** Menu order, lowest first. */
  order: z.number().int().nonnegative(),
  triggers: z.strictObject({
    phrases: z.array(text).min(1),
    errorCodes: z.array(text).default([]),
  }),
  start: id,
  nodes: z.array(flowNodeSchema).min(1),
});

export type Flow = z.infer<typeof flowSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type QuestionNode = z.infer<typeof questionNodeSchema>;
export type InstructionNode = z.infer<typeof instructionNodeSchema>;
export type EndNode = z.infer<typeof endNodeSchema>;
export type Answer = z.infer<typeof answerSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Link = z.infer<typeof linkSchema>;
export type SharedNode = z.infer<typeof sharedNodeSchema>;
export type Include = z.infer<typeof includeSchema>;
export type FlowChange = z.infer<typeof flowChangeSchema>;
