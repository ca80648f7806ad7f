import { MemoryStorage, type Storage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { dayKeys } from '../../src/statistics/statistics-store.js';
import { DeskDriver, textOf } from '../support/desk-driver.js';
import { sayInChannel, teamChannel } from './channel-desk.js';

const FIXTURE = 'test/fixtures/flows';
const MINUTE = 60_000;

/** A clock the test moves forward, so durations are known. */
function clock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/** Everything stored under the statistics prefix, as text. */
async function storedStatistics(storage: Storage, day: string): Promise<string> {
  return JSON.stringify(await storage.read(dayKeys(day)));
}

describe('step statistics, as the team sees them with "@Baliewijzer statistieken"', () => {
  it('counts a finished and a stopped case on the steps where they ended, with the median duration', async () => {
    const storage = new MemoryStorage();
    const time = clock();
    const staff = new DeskDriver({ flowsDir: FIXTURE, storage, now: time.now });

    await staff.say('proef probleem');
    time.advance(2 * MINUTE);
    expect(textOf(await staff.click('Rechten aanwezig'))).toContain('Opgelost');

    await staff.say('proef probleem');
    await staff.click('Geen rechten');
    time.advance(4 * MINUTE);
    expect(textOf(await staff.say('stop'))).toContain("'Proefflow' is gestopt");

    const team = teamChannel({ flowsDir: FIXTURE, storage, now: time.now });
    const card = textOf(await sayInChannel(team, 'statistieken'));
    expect(card).toContain('Statistieken van Baliewijzer');
    expect(card).toContain('2 mrt 2026: 2 casussen');
    expect(card).toContain('Proefflow\nCasussen\n2 (versie 1)\nOpgelost\n1\nNiet opgelost\n0\nDoorverwezen\n0\nAfgebroken\n1 (1 gestopt)\nMediane duur\n3 min 00 s');
    expect(card).toContain('2× Eerste vraag\n1× Autoriseer\nEindigde hier: 1 afgebroken; mediane duur 4 min 00 s\n1× Opgelost\nEindigde hier: 1 opgelost; mediane duur 2 min 00 s');
    expect(card).toContain('2 stap(pen) nog door geen enkele casus bereikt.');
  });

  it('counts choosing another flow mid-case as abandoned on the step that was open', async () => {
    const storage = new MemoryStorage();
    const staff = new DeskDriver({ flowsDir: FIXTURE, storage });
    await staff.say('proef probleem');
    await staff.click('Geen rechten');
    await staff.say('menu');
    expect(textOf(await staff.click('Proefflow'))).toContain('Proefflow · stap 1');

    const card = textOf(await sayInChannel(teamChannel({ flowsDir: FIXTURE, storage }), 'statistieken'));
    expect(card).toContain('Afgebroken\n1 (1 ander stappenplan gekozen)');
    expect(card).toContain('1× Autoriseer\nEindigde hier: 1 afgebroken');
  });

  it('keeps no names, notes, case or conversation ids in the statistics', async () => {
    const storage = new MemoryStorage();
    const staff = new DeskDriver({ flowsDir: FIXTURE, storage, now: clock().now });
    await staff.say('proef probleem');
    const caseId = /"caseId":"([^"]+)"/.exec(JSON.stringify(staff.transcript[0]?.card))?.[1] ?? 'missing';
    await staff.click('Geen rechten');
    await staff.say('stop');
    const stored = await storedStatistics(storage, '2026-03-02');
    expect(stored).toContain('"path":["vraag","doe-iets"]');
    expect(stored).toContain('"ending":"gestopt"');
    for (const secret of ['Balie Medewerker', 'staff-1', 'conv-1', caseId, 'T09:']) expect(stored).not.toContain(secret);
  });

  it('answers "statistieken" in a personal chat with where to ask, and leaves an open case as it was', async () => {
    const staff = new DeskDriver({ flowsDir: FIXTURE });
    await staff.say('proef probleem');
    expect(textOf(await staff.say('Statistieken'))).toBe("Statistieken laat ik alleen in een teamkanaal zien, voor het hele team: typ daar '@Baliewijzer statistieken'.");
    expect(textOf(await staff.click('Geen rechten'))).toContain('Autoriseer');
  });

  it('says so when there are no cases yet', async () => {
    const card = textOf(await sayInChannel(teamChannel({ flowsDir: FIXTURE }), 'statistieken'));
    expect(card).toContain('0 casussen');
    expect(card).toContain('Nog geen afgeronde of afgebroken casussen in deze periode.');
    expect(card).toContain('Proefflow\nGeen casussen.');
  });
});
