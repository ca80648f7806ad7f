import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** `test/matching/phrases.yaml`: what staff type and where it should lead. */
export const EVALUATION_SET_FILE = 'test/matching/phrases.yaml';

const id = z.string().regex(/^[a-z0-9-]+$/);
const phraseSchema = z.union([
  z.strictObject({ text: z.string().min(1), flow: id, step: id.optional() }),
  z.strictObject({ text: z.string().min(1), expect: z.enum(['greeting', 'thanks', 'none']) }),
  z.strictObject({ text: z.string().min(1), expect: z.literal('choose'), flows: z.array(id).min(2) }),
]);
const setSchema = z.strictObject({ phrases: z.array(phraseSchema).min(1) });

export type EvaluationPhrase = z.infer<typeof phraseSchema>;

export function readEvaluationSet(file = EVALUATION_SET_FILE): EvaluationPhrase[] {
  return setSchema.parse(parse(readFileSync(file, 'utf8'))).phrases;
}
