import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Every sentence of the printed procedures outside the flows, from `cards/print.json`, so the
 * wording on paper is edited as data like the cards' `messages.json`. A missing or misspelt key
 * stops `flows:print` before anything is written.
 */
const line = z.string().trim().min(1);
export const printTextSchema = z.strictObject({
  documentTitle: line,
  intro: line,
  legend: line,
  generatedAt: line,
  contentsHeading: line,
  contentsNumber: line,
  contentsProcedure: line,
  contentsVersion: line,
  contentsSteps: line,
  contentsPage: line,
  procedureVersion: line,
  procedureErrorCodes: line,
  stepNumber: line,
  kindQuestion: line,
  kindInstruction: line,
  kindEnd: line,
  wise: line,
  warning: line,
  linksHeading: line,
  answersHeading: line,
  continueHeading: line,
  goTo: line,
  goBack: line,
  outcome: line,
  source: line,
  footer: line,
});

export type PrintText = z.infer<typeof printTextSchema>;

export const PRINT_TEXT_FILE = 'print.json';

/** Reads and checks `<cardsDir>/print.json`; throws an error naming the file and the key that is wrong. */
export function loadPrintText(cardsDir: string): PrintText {
  const file = join(cardsDir, PRINT_TEXT_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: niet leesbaar: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = printTextSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(bestand)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
