import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { cardButtons } from '../support/card-text.js';
import { DeskDriver, textOf } from '../support/desk-driver.js';
import { TempFlows } from '../tools/temp-flows.js';

const NOTICE = `schemaVersion: 1
notices:
  - id: kb-storing
    text: Inloggen bij de KB is verstoord sinds 9:00. Laat de klant het later opnieuw proberen.
    link: { title: Website KB, url: "https://www.kb.nl" }
    from: 2026-11-30 09:30
    until: 2026-11-30 17:00
    flows: [proef]
`;
const BANNER = '⚠ Inloggen bij de KB is verstoord sinds 9:00.';

const temps: TempFlows[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

/** The fixture flows with `notices` as flows/notices.yaml (none when undefined), a clock the test sets, and a staff member's chat on them. */
function desk(notices: string | undefined, at: string): { desk: DeskDriver; flows: TempFlows; clock: { now: Date }; another: (store: MemoryStore) => DeskDriver } {
  const flows = new TempFlows('test/fixtures/flows');
  temps.push(flows);
  if (notices !== undefined) writeFileSync(flows.path('notices.yaml'), notices);
  const clock = { now: new Date(at) };
  const another = (store: MemoryStore): DeskDriver => new DeskDriver({ flowsDir: flows.dir, store, now: () => clock.now });
  return { desk: another(new MemoryStore()), flows, clock, another };
}

describe('notices from content editors (flows/notices.yaml)', () => {
  it('shows a valid notice as a banner with its link on the first card of a case it applies to, and on the menu, not on later steps', async () => {
    // 10:00 in Amsterdam: within 09:30-17:00.
    const { desk: staff } = desk(NOTICE, '2026-11-30T09:00:00Z');
    const first = await staff.say('proef probleem');
    expect(textOf(first)).toContain(BANNER);
    expect(cardButtons(first[0]?.card)).toContainEqual(expect.objectContaining({ type: 'Action.OpenUrl', title: 'Website KB ↗', url: 'https://www.kb.nl' }));
    const second = await staff.click('Geen rechten');
    expect(textOf(second)).toContain('stap 2');
    expect(textOf(second)).not.toContain(BANNER);
    expect(textOf(await staff.say('menu'))).toContain(BANNER);
  });

  it('shows nothing before its start, and nothing once it expired', async () => {
    const { desk: staff, clock } = desk(NOTICE, '2026-11-30T08:29:00Z');
    expect(textOf(await staff.say('proef probleem'))).not.toContain(BANNER);
    await staff.say('stop');
    clock.now = new Date('2026-11-30T08:30:00Z');
    expect(textOf(await staff.say('proef probleem'))).toContain(BANNER);
    await staff.say('stop');
    clock.now = new Date('2026-11-30T16:00:00Z'); // 17:00 in Amsterdam: the end is not included
    expect(textOf(await staff.say('proef probleem'))).not.toContain(BANNER);
    expect(textOf(await staff.say('menu'))).not.toContain(BANNER);
  });

  it('picks up a new, changed or removed file without a restart; a broken file keeps the last good notices', async () => {
    const { desk: staff, flows } = desk(undefined, '2026-11-30T09:00:00Z');
    expect(textOf(await staff.say('menu'))).not.toContain(BANNER);

    writeFileSync(flows.path('notices.yaml'), NOTICE);
    expect(staff.built.notices.refresh()).toBe(true);
    expect(textOf(await staff.say('menu'))).toContain(BANNER);

    // An editor's mistake (the end before the start) does not take the warning off the cards.
    writeFileSync(flows.path('notices.yaml'), NOTICE.replace('until: 2026-11-30 17:00', 'until: 2026-11-29 17:00'));
    expect(staff.built.notices.refresh()).toBe(false);
    expect(textOf(await staff.say('menu'))).toContain(BANNER);

    writeFileSync(flows.path('notices.yaml'), NOTICE.replace('verstoord sinds 9:00', 'weer bereikbaar'));
    expect(staff.built.notices.refresh()).toBe(true);
    expect(textOf(await staff.say('menu'))).toContain('⚠ Inloggen bij de KB is weer bereikbaar.');

    rmSync(flows.path('notices.yaml'));
    expect(staff.built.notices.refresh()).toBe(true);
    expect(textOf(await staff.say('menu'))).not.toContain('⚠');
  });

  it('a card sent again after a crash shows the notices valid when it is sent again, not those of before', async () => {
    const { clock, another } = desk(NOTICE, '2026-11-30T09:00:00Z');
    const store = new MemoryStore();
    const first = another(store);
    expect(textOf(await first.send({ type: 'message', text: 'menu', id: 'teams-activity-7' }))).toContain(BANNER);
    // Another instance (the first crashed before Teams got the answer) gets the same activity again, after the notice ended.
    clock.now = new Date('2026-11-30T16:30:00Z');
    const second = another(store);
    const again = await second.send({ type: 'message', text: 'menu', id: 'teams-activity-7' });
    expect(textOf(again)).toContain('Waar loopt de klant tegenaan?');
    expect(textOf(again)).not.toContain(BANNER);
  });
});

describe('the change note of a new flow version', () => {
  const CHANGED = 'Dit stappenplan is gewijzigd op 20 nov 2026: De controle vraagt nu eerst of er rechten zijn.';

  /** The fixture flow at `version`, with a change note for it. */
  function flowsAt(version: number, note = 'De controle vraagt nu eerst of er rechten zijn.'): TempFlows {
    const flows = new TempFlows('test/fixtures/flows');
    temps.push(flows);
    flows.edit('proef.yaml', 'version: 1\n', `version: ${version}\nchanges:\n  - { version: ${version}, date: 2026-11-20, note: ${note} }\n`);
    return flows;
  }

  it('is shown once to each staff member, on the first card of their first case in that version', async () => {
    const store = new MemoryStore();
    const flows = flowsAt(2);
    const anna = new DeskDriver({ flowsDir: flows.dir, store, conversationId: 'anna', staff: { id: 'staff-anna', name: 'Anna' } });
    const first = await anna.say('proef probleem');
    expect(textOf(first)).toContain(CHANGED);
    expect(textOf(first)).toContain('Proefflow · stap 1');
    await anna.say('stop');
    expect(textOf(await anna.say('proef probleem'))).not.toContain('Dit stappenplan is gewijzigd');

    const bert = new DeskDriver({ flowsDir: flows.dir, store, conversationId: 'bert', staff: { id: 'staff-bert', name: 'Bert' } });
    expect(textOf(await bert.say('proef probleem'))).toContain(CHANGED);

    // The next version's note is shown to Anna once again.
    const next = flowsAt(3, 'Nu met een extra controle.');
    const annaLater = new DeskDriver({ flowsDir: next.dir, store, conversationId: 'anna-2', staff: { id: 'staff-anna', name: 'Anna' } });
    expect(textOf(await annaLater.say('proef probleem'))).toContain('Dit stappenplan is gewijzigd op 20 nov 2026: Nu met een extra controle.');
    await annaLater.say('stop');
    expect(textOf(await annaLater.say('proef probleem'))).not.toContain('Dit stappenplan is gewijzigd');
  });

  it('is not shown for a version its file says nothing about', async () => {
    const flows = new TempFlows('test/fixtures/flows');
    temps.push(flows);
    flows.edit('proef.yaml', 'version: 1\n', 'version: 2\n');
    const staff = new DeskDriver({ flowsDir: flows.dir });
    expect(textOf(await staff.say('proef probleem'))).not.toContain('Dit stappenplan is gewijzigd');
  });

  it('keeps no name or Teams id in what it remembers', async () => {
    const store = new MemoryStore();
    const staff = new DeskDriver({ flowsDir: flowsAt(2).dir, store, staff: { id: '29:1a2b3c-staff', name: 'Anna de Vries' } });
    await staff.say('proef probleem');
    const kept: string[] = [];
    for await (const item of store.list('baliewijzer/staff/')) kept.push(item.key, JSON.stringify((await store.read(item.key))?.value));
    expect(kept).toHaveLength(2);
    expect(kept.join(' ')).not.toContain('29:1a2b3c-staff');
    expect(kept.join(' ')).not.toContain('Anna');
    expect(kept[1]).toBe('{"flows":{"proef":2}}');
  });
});
