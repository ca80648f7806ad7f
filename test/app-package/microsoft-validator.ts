import { readFile } from 'node:fs/promises';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { schemaPathFor } from '../../scripts/app-package/validate-manifest.js';

type ValidateArgs = Parameters<typeof AppManifestUtils.validateAgainstSchema>;

/**
 * Schema errors from Microsoft's own validator in @microsoft/app-manifest, as a second opinion
 * next to ours. Its generated types cannot describe JSON read at run time, hence the casts.
 */
export async function microsoftSchemaErrors(manifest: { manifestVersion: string }): Promise<string[]> {
  const schema: unknown = JSON.parse(await readFile(schemaPathFor(manifest.manifestVersion), 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest as ValidateArgs[0], schema as ValidateArgs[1]);
}
