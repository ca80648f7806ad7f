import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { z } from 'zod';
import { PackagingError } from './packaging-error.js';

/** `--env` names a file in env/, so it may not contain path separators or dots. */
const envNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "-" or "_" (for example "local" or "prod")');

export type PackagingEnv = Readonly<Record<string, string>>;

export interface LoadedEnv {
  readonly values: PackagingEnv;
  /** The env file that was read, if it exists. */
  readonly file: string | undefined;
}

/** Checks an environment name given on the command line. */
export function parseEnvName(name: string): string {
  const parsed = envNameSchema.safeParse(name);
  if (!parsed.success) throw new PackagingError(`--env "${name}" is not a valid environment name: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/**
 * The variables for one environment: `<envDir>/.env.<envName>` when it exists, with the process
 * environment taking precedence (dotenv's rule, so CI can set secrets without a file).
 */
export async function loadPackagingEnv(
  envDir: string,
  envName: string,
  processEnv: Readonly<Record<string, string | undefined>>,
): Promise<LoadedEnv> {
  const file = join(envDir, `.env.${parseEnvName(envName)}`);
  let fromFile: Record<string, string> = {};
  let found = true;
  try {
    fromFile = parse(await readFile(file, 'utf8'));
  } catch (error) {
    if (!isMissingFile(error)) throw error;
    found = false;
  }
  const values: Record<string, string> = { ...fromFile };
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined) values[name] = value;
  }
  return { values, file: found ? file : undefined };
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
