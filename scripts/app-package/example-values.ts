import { readFile } from 'node:fs/promises';
import { parse } from 'dotenv';
import type { PackagingEnv } from './load-env.js';

/** The file that shows every packaging variable with an example value. */
export const EXAMPLE_ENV_FILE = 'env/.env.local.example';

/**
 * The variables whose value is still the example from `exampleFile`: a package built with them
 * validates, but Teams cannot reach the bot with an example app or bot id.
 */
export async function exampleValuesIn(values: PackagingEnv, exampleFile: string): Promise<string[]> {
  let example: Record<string, string>;
  try {
    example = parse(await readFile(exampleFile, 'utf8'));
  } catch {
    return [];
  }
  return Object.entries(example)
    .filter(([name, value]) => value !== '' && values[name] === value)
    .map(([name]) => name);
}
