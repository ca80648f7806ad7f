import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../scripts/app-package/fill-placeholders.js';
import { schemaPathFor, schemaUrlFor, TEAMS_SCHEMA_DIR, validateManifest } from '../../scripts/app-package/validate-manifest.js';
import { packagingFailure, REPO_APP_PACKAGE_DIR, SAMPLE_ENV } from './temp-app-package.js';

async function filledRepoManifest(): Promise<Record<string, unknown>> {
  const template: unknown = JSON.parse(await readFile(join(REPO_APP_PACKAGE_DIR, 'manifest.json'), 'utf8'));
  return fillPlaceholders(template, SAMPLE_ENV) as Record<string, unknown>;
}

describe('the repo manifest', () => {
  it('validates once filled, on a manifest schema of at least 1.19 whose $schema URL matches', async () => {
    const manifest = await filledRepoManifest();
    const valid = await validateManifest(manifest);

    const [major, minor] = valid.manifestVersion.split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(19);
    expect(valid.$schema).toBe(schemaUrlFor(valid.manifestVersion));
  });

  it('offers help, menu and stop in every scope, and "samenvattingen hier" only in team', async () => {
    const manifest = (await filledRepoManifest()) as {
      bots: { scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
    };
    const [bot] = manifest.bots;
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot?.supportsFiles).toBe(false);
    const titlesByScope = Object.fromEntries((bot?.commandLists ?? []).map((list) => [list.scopes.join(','), list.commands.map((c) => c.title)]));
    expect(titlesByScope).toEqual({
      personal: ['help', 'menu', 'stop'],
      team: ['help', 'menu', 'stop', 'samenvattingen hier'],
      groupChat: ['help', 'menu', 'stop'],
    });
  });
});

describe('validateManifest', () => {
  it('finds the schema file for a manifestVersion in @microsoft/app-manifest', async () => {
    await expect(access(schemaPathFor('1.30'))).resolves.toBeUndefined();
    expect(schemaPathFor('1.19')).toBe(join(TEAMS_SCHEMA_DIR, 'v1.19', 'MicrosoftTeams.schema.json'));
  });

  it('reports a missing required property with the schema message', async () => {
    const manifest = await filledRepoManifest();
    delete manifest.accentColor;

    const error = await packagingFailure(validateManifest(manifest));
    expect(error.message).toContain("(manifest root) must have required property 'accentColor'");
  });

  it('rejects a manifestVersion that the package has no schema for', async () => {
    const manifest = await filledRepoManifest();

    const error = await packagingFailure(validateManifest({ ...manifest, manifestVersion: '1.18' }));
    expect(error.message).toContain('No Teams manifest schema for manifestVersion "1.18"');
  });

  it('rejects a $schema URL for another version than manifestVersion', async () => {
    const manifest = await filledRepoManifest();

    const error = await packagingFailure(validateManifest({ ...manifest, $schema: schemaUrlFor('1.19') }));
    expect(error.message).toContain('but $schema https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json');
  });
});
