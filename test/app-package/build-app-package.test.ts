import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAppPackage, type BuildAppPackageOptions } from '../../scripts/app-package/build-app-package.js';
import { validateManifest } from '../../scripts/app-package/validate-manifest.js';
import { microsoftSchemaErrors } from './microsoft-validator.js';
import { readZip } from './read-zip.js';
import { copyAppPackage, packagingFailure, SAMPLE_ENV, type TempAppPackage } from './temp-app-package.js';

let temp: TempAppPackage;

beforeEach(async () => {
  temp = await copyAppPackage();
});

afterEach(async () => {
  await temp.remove();
});

function options(processEnv: Readonly<Record<string, string | undefined>>, envName = 'test'): BuildAppPackageOptions {
  return { appPackageDir: temp.appPackageDir, envDir: temp.envDir, envName, processEnv, outputDir: temp.outputDir };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function packagedManifest(zipPath: string): Promise<Record<string, unknown>> {
  const manifest = (await readZip(zipPath)).get('manifest.json');
  if (!manifest) throw new Error('the zip has no manifest.json');
  return JSON.parse(manifest.toString('utf8')) as Record<string, unknown>;
}

describe('buildAppPackage with a complete environment', () => {
  it('writes appPackage.<env>.zip with exactly manifest.json, color.png and outline.png at its root', async () => {
    const built = await buildAppPackage(options(SAMPLE_ENV));

    expect(built.zipPath).toBe(join(temp.outputDir, 'appPackage.test.zip'));
    const entries = await readZip(built.zipPath);
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(entries.get('color.png')).toEqual(await readFile(join(temp.appPackageDir, 'color.png')));
    expect(entries.get('outline.png')).toEqual(await readFile(join(temp.appPackageDir, 'outline.png')));
  });

  it('fills every placeholder with the given ids, and the result validates against the schema', async () => {
    const built = await buildAppPackage(options(SAMPLE_ENV));
    const manifestText = (await readZip(built.zipPath)).get('manifest.json')?.toString('utf8') ?? '';

    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText) as { manifestVersion: string; id: string; bots: { botId: string }[]; validDomains: string[]; developer: unknown };
    expect(manifest.id).toBe(SAMPLE_ENV.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(SAMPLE_ENV.BOT_ID);
    expect(manifest.validDomains).toEqual([SAMPLE_ENV.BOT_DOMAIN]);
    expect(manifest.developer).toEqual({
      name: SAMPLE_ENV.DEVELOPER_NAME,
      websiteUrl: SAMPLE_ENV.DEVELOPER_WEBSITE_URL,
      privacyUrl: SAMPLE_ENV.PRIVACY_URL,
      termsOfUseUrl: SAMPLE_ENV.TERMS_OF_USE_URL,
    });
    await expect(validateManifest(manifest)).resolves.toMatchObject({ id: SAMPLE_ENV.TEAMS_APP_ID });
    expect(await microsoftSchemaErrors(manifest)).toEqual([]);
  });

  it('defaults the output folder to <appPackageDir>/build', async () => {
    const built = await buildAppPackage({ appPackageDir: temp.appPackageDir, envDir: temp.envDir, envName: 'local', processEnv: SAMPLE_ENV });

    expect(built.zipPath).toBe(join(temp.appPackageDir, 'build', 'appPackage.local.zip'));
    expect(await exists(built.zipPath)).toBe(true);
  });

  it('reads env/.env.<env>, with the process environment winning over the file', async () => {
    await mkdir(temp.envDir, { recursive: true });
    await writeFile(
      join(temp.envDir, '.env.test'),
      Object.entries(SAMPLE_ENV)
        .map(([name, value]) => `${name}="${value}"\n`)
        .join(''),
    );
    const fromFile = await buildAppPackage(options({}));
    expect(fromFile.envFile).toBe(join(temp.envDir, '.env.test'));
    expect(await packagedManifest(fromFile.zipPath)).toMatchObject({ id: SAMPLE_ENV.TEAMS_APP_ID, bots: [{ botId: SAMPLE_ENV.BOT_ID }] });

    const otherBot = '99999999-8888-4777-a666-555555555555';
    const overridden = await buildAppPackage(options({ BOT_ID: otherBot }));
    expect(await packagedManifest(overridden.zipPath)).toMatchObject({ id: SAMPLE_ENV.TEAMS_APP_ID, bots: [{ botId: otherBot }] });
  });
});

describe('buildAppPackage refuses to package', () => {
  it('without BOT_ID, naming BOT_ID and writing no zip', async () => {
    const withoutBot = { TEAMS_APP_ID: SAMPLE_ENV.TEAMS_APP_ID, BOT_DOMAIN: SAMPLE_ENV.BOT_DOMAIN };
    const error = await packagingFailure(buildAppPackage(options(withoutBot)));

    expect(error.message).toContain('BOT_ID is not set');
    expect(error.message).not.toContain('TEAMS_APP_ID');
    expect(await exists(join(temp.outputDir, 'appPackage.test.zip'))).toBe(false);
  });

  it('when TEAMS_APP_ID is not a GUID, naming TEAMS_APP_ID', async () => {
    const error = await packagingFailure(buildAppPackage(options({ ...SAMPLE_ENV, TEAMS_APP_ID: 'baliewijzer' })));

    expect(error.message).toMatch(/TEAMS_APP_ID must be a GUID.*"baliewijzer"/);
  });

  it('and removes an earlier zip for the same environment', async () => {
    const built = await buildAppPackage(options(SAMPLE_ENV));
    expect(await exists(built.zipPath)).toBe(true);

    await packagingFailure(buildAppPackage(options({ ...SAMPLE_ENV, BOT_ID: '' })));
    expect(await exists(built.zipPath)).toBe(false);
  });

  it('a manifest that breaks the schema (a bot with an unknown scope), with the schema message', async () => {
    const manifest = await temp.readManifest();
    const [bot] = manifest.bots as Record<string, unknown>[];
    await temp.writeManifest({ ...manifest, bots: [{ ...bot, scopes: ['personal', 'team', 'meeting'] }] });

    const error = await packagingFailure(buildAppPackage(options(SAMPLE_ENV)));
    expect(error.message).toContain('does not match the Teams manifest schema 1.30');
    expect(error.message).toContain('/bots/0/scopes/2 must be equal to one of the allowed values');
    expect(await exists(join(temp.outputDir, 'appPackage.test.zip'))).toBe(false);
  });

  it('a manifest with a "${{" the placeholder syntax does not cover', async () => {
    const manifest = await temp.readManifest();
    await temp.writeManifest({ ...manifest, name: { short: 'Baliewijzer ${{ app-suffix }}' } });

    const error = await packagingFailure(buildAppPackage(options(SAMPLE_ENV)));
    expect(error.message).toContain('still contains "${{"');
    expect(error.message).toContain('app-suffix');
  });

  it('an outline icon with a grey pixel, saying which pixel', async () => {
    const outlinePath = join(temp.appPackageDir, 'outline.png');
    const outline = PNG.sync.read(await readFile(outlinePath));
    const offset = (4 * outline.width + 3) * 4;
    outline.data.set([128, 128, 128, 255], offset);
    await writeFile(outlinePath, PNG.sync.write(outline));

    const error = await packagingFailure(buildAppPackage(options(SAMPLE_ENV)));
    expect(error.message).toContain('outline.png must be white on transparent; pixel (3, 4) is rgba(128, 128, 128, 255)');
  });

  it('a colour icon of the wrong size', async () => {
    await writeFile(join(temp.appPackageDir, 'color.png'), PNG.sync.write(new PNG({ width: 96, height: 96 })));

    const error = await packagingFailure(buildAppPackage(options(SAMPLE_ENV)));
    expect(error.message).toContain('color.png is 96×96; Teams requires 192×192');
  });

  it('for an environment name that is not a plain name', async () => {
    const error = await packagingFailure(buildAppPackage(options(SAMPLE_ENV, '../local')));
    expect(error.message).toContain('--env "../local" is not a valid environment name');
  });
});
