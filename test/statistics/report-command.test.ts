import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { DeskDriver } from '../support/desk-driver.js';
import { silentLogger } from '../support/logs.js';
import { runScript } from '../tools/run-script.js';

const FIXTURE = 'test/fixtures/flows';
const MINUTE = 60_000;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The storage settings the bot and `npm run report` both read: the bot's default, a local folder. */
function fileStorageSettings() {
  const dir = mkdtempSync(join(tmpdir(), 'baliewijzer-data-'));
  dirs.push(dir);
  return { STORAGE: 'file', STORAGE_DIR: dir, FLOWS_DIR: FIXTURE } as const;
}

describe('npm run report, on what the bot stored in its local folder', () => {
  it('counts a finished and a stopped case per flow and per step', async () => {
    const settings = fileStorageSettings();
    const store = openStore({ STORAGE: settings.STORAGE, STORAGE_DIR: settings.STORAGE_DIR, BLOB_CONTAINER: 'unused', BLOB_CONNECTION_STRING: undefined }, silentLogger());
    let t = Date.now() - 30 * MINUTE;
    const staff = new DeskDriver({ flowsDir: FIXTURE, store, now: () => new Date(t) });

    await staff.say('proef probleem');
    t += 2 * MINUTE;
    await staff.click('Rechten aanwezig');
    await staff.say('proef probleem');
    await staff.click('Geen rechten');
    t += 4 * MINUTE;
    await staff.say('stop');

    const run = runScript('report', [], settings);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.lines[0]).toMatch(/^Baliewijzer: statistieken van \d{4}-\d{2}-\d{2} t\/m \d{4}-\d{2}-\d{2} \(UTC\), 2 casussen$/);
    expect(run.stdout).toContain(
      [
        'Proefflow (proef), versie 1: 2 casussen, 1 opgelost, 0 niet opgelost, 0 doorverwezen, 1 afgebroken (1 gestopt); mediane duur 3 min 00 s',
        '  stap        bereikt  opgelost  niet opgelost  doorverwezen  afgebroken  mediane duur  titel',
        '  vraag             2         0              0             0           0  -             Eerste vraag',
        '  doe-iets          1         0              0             0           1  4 min 00 s    Autoriseer',
        '  controle          0         0              0             0           0  -             Controle',
        '  klaar             1         1              0             0           0  2 min 00 s    Opgelost',
        '  niet-klaar        0         0              0             0           0  -             Doorverwijzen',
      ].join('\n'),
    );
  });

  it('refuses STORAGE=memory, where nothing outlives the bot', () => {
    const run = runScript('report', [], { STORAGE: 'memory', FLOWS_DIR: FIXTURE });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('STORAGE=memory: de bot bewaart dan niets buiten zijn eigen geheugen');
  });

  it('explains --days', () => {
    const run = runScript('report', ['--days', 'veel'], fileStorageSettings());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--days veel is not a number of days between 1 and 3660');
  });
});
