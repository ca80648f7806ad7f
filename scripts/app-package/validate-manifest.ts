import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { z } from 'zod';
import { PackagingError } from './packaging-error.js';

// Both packages are CommonJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** Where @microsoft/app-manifest keeps Microsoft's published Teams manifest schemas, one folder per version. */
export const TEAMS_SCHEMA_DIR = join(dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');

const manifestVersionSchema = z.union([z.string().regex(/^1\.\d{1,3}$/), z.literal('devPreview')]);

/** The parts of a schema-valid manifest that packaging reads; every other key is kept as is. */
const validManifestSchema = z.looseObject({
  $schema: z.string().optional(),
  manifestVersion: manifestVersionSchema,
  id: z.string(),
  icons: z.looseObject({ color: z.string(), outline: z.string() }),
  bots: z.array(z.looseObject({ botId: z.string() })).optional(),
});

export type ValidManifest = z.infer<typeof validManifestSchema>;

/** The schema file for a manifestVersion ("1.30" → v1.30/MicrosoftTeams.schema.json). */
export function schemaPathFor(manifestVersion: string, schemaDir: string = TEAMS_SCHEMA_DIR): string {
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  return join(schemaDir, folder, 'MicrosoftTeams.schema.json');
}

/** The official URL a manifest's `$schema` should hold for its manifestVersion. */
export function schemaUrlFor(manifestVersion: string): string {
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  return `https://developer.microsoft.com/en-us/json-schemas/teams/${folder}/MicrosoftTeams.schema.json`;
}

const compiled = new Map<string, ValidateFunction>();

async function validatorFor(schemaPath: string, manifestVersion: string): Promise<ValidateFunction> {
  const cached = compiled.get(schemaPath);
  if (cached) return cached;
  let schemaText: string;
  try {
    schemaText = await readFile(schemaPath, 'utf8');
  } catch {
    throw new PackagingError(`No Teams manifest schema for manifestVersion "${manifestVersion}" in @microsoft/app-manifest (looked for ${schemaPath}).`);
  }
  const schema: unknown = JSON.parse(schemaText);
  const declared = z.looseObject({ $schema: z.string() }).safeParse(schema);
  if (!declared.success || !declared.data.$schema.includes('draft-04')) {
    throw new PackagingError(`The schema for manifestVersion "${manifestVersion}" is not a draft-04 JSON schema (${schemaPath}).`);
  }
  // The same options Microsoft's own validator in @microsoft/app-manifest uses.
  const ajv = new Ajv04({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(declared.data);
  compiled.set(schemaPath, validate);
  return validate;
}

/** One schema error as a line a developer can act on: where, what, and the schema's details. */
export function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(manifest root)' : error.instancePath;
  return `${where} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`;
}

/**
 * Validates a filled manifest against Microsoft's JSON schema for its own manifestVersion, loaded
 * from disk so packaging works offline, and checks that `$schema` points at that same version.
 */
export async function validateManifest(manifest: unknown, schemaDir: string = TEAMS_SCHEMA_DIR): Promise<ValidManifest> {
  const head = z.looseObject({ manifestVersion: manifestVersionSchema }).safeParse(manifest);
  if (!head.success) {
    throw new PackagingError('manifest.json needs a manifestVersion such as "1.30" (or "devPreview").');
  }
  const { manifestVersion } = head.data;
  const validate = await validatorFor(schemaPathFor(manifestVersion, schemaDir), manifestVersion);
  if (!validate(manifest)) {
    const lines = (validate.errors ?? []).map(describeSchemaError);
    throw new PackagingError(`manifest.json does not match the Teams manifest schema ${manifestVersion}:\n${lines.map((l) => `  - ${l}`).join('\n')}`);
  }
  const valid = validManifestSchema.parse(manifest);
  const expectedUrl = schemaUrlFor(manifestVersion);
  if (valid.$schema !== undefined && valid.$schema !== expectedUrl && valid.$schema !== expectedUrl.replace('/en-us/', '/')) {
    throw new PackagingError(`manifest.json has manifestVersion "${manifestVersion}" but $schema ${valid.$schema}; expected ${expectedUrl}.`);
  }
  return valid;
}
