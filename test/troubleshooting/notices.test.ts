import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFlowDirectory, formatProblem } from '../../src/troubleshooting/flow-loader.js';
import { noticesFor, parseNotices } from '../../src/troubleshooting/notices.js';
import { TempFlows } from '../tools/temp-flows.js';

const temps: TempFlows[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

const AMSTERDAM = { timeZone: 'Europe/Amsterdam' };

/** The problems flows:check reports for the fixture flows with this notices.yaml. */
function problemsWith(notices: string): string[] {
  const flows = new TempFlows('test/fixtures/flows');
  temps.push(flows);
  writeFileSync(flows.path('notices.yaml'), notices);
  const result = checkFlowDirectory(flows.dir, { lint: true, notices: AMSTERDAM });
  return result.ok ? [] : result.error.filter((p) => p.file.endsWith('notices.yaml')).map(formatProblem).map((p) => p.replace(flows.dir, 'flows'));
}

describe('flows:check on notices.yaml', () => {
  it('accepts a good file, and times with or without an offset', () => {
    expect(
      problemsWith(`schemaVersion: 1
notices:
  - { id: storing, text: KB storing., from: 2026-11-30 09:00, until: "2026-11-30T17:00+01:00", flows: [proef] }
  - { id: algemeen, text: Vandaag kort onderhoud aan Wise., from: "2026-12-01T08:00:00Z", until: 2026-12-01 12:00 }
`),
    ).toEqual([]);
  });

  it('names file and line of a text that is too long and a time written otherwise', () => {
    expect(
      problemsWith(`schemaVersion: 1
notices:
  - id: te-lang
    text: ${'x'.repeat(301)}
    from: 2026-11-30 09:00
    until: 2026-11-30 17:00
  - id: zonder-nul
    text: Iets.
    from: 2026-11-30 9:00
    until: 2026-11-30 17:00
`),
    ).toEqual([
      'flows/notices.yaml:4  -  notices.0.text: de tekst mag hoogstens 300 tekens zijn',
      'flows/notices.yaml:9  -  notices.1.from: tijd als JJJJ-MM-DD UU:MM (bijvoorbeeld 2026-11-30 09:00), of met tijdzone (2026-11-30T09:00+01:00)',
    ]);
  });

  it('names file and line of an unknown procedure, an end before its start, a day that does not exist and an id used twice', () => {
    expect(
      problemsWith(`schemaVersion: 1
notices:
  - id: onbekend
    text: Iets.
    from: 2026-11-30 09:00
    until: 2026-11-30 17:00
    flows: [proef, bestaat-niet]
  - id: omgekeerd
    text: Iets.
    from: 2026-11-30 17:00
    until: 2026-11-30 09:00
  - id: geen-dag
    text: Iets.
    from: 2026-02-30 09:00
    until: 2026-03-02 09:00
  - id: omgekeerd
    text: Nog eens.
    from: 2026-11-30 09:00
    until: 2026-11-30 17:00
`),
    ).toEqual([
      'flows/notices.yaml:7  -  stappenplan "bestaat-niet" bestaat niet (kies een id uit flows/*.yaml)',
      'flows/notices.yaml:11  -  until (2026-11-30 09:00) moet na from (2026-11-30 17:00) liggen',
      'flows/notices.yaml:14  -  from: "2026-02-30 09:00" is geen bestaande datum en tijd',
      'flows/notices.yaml:16  -  melding "omgekeerd" staat twee keer in het bestand',
    ]);
  });

  it('is not a flow: the bot starts whatever the notices file says', () => {
    const flows = new TempFlows('test/fixtures/flows');
    temps.push(flows);
    writeFileSync(flows.path('notices.yaml'), 'dit: [is geen geldige melding');
    expect(checkFlowDirectory(flows.dir).ok).toBe(true);
  });
});

describe('which notices a card shows', () => {
  const parsed = parseNotices(
    'notices.yaml',
    `schemaVersion: 1
notices:
  - { id: voor-proef, text: Alleen bij de proef., from: 2026-11-30 09:00, until: 2026-11-30 17:00, flows: [proef] }
  - { id: voor-iedereen, text: Voor iedereen., from: 2026-11-30 09:00, until: 2026-11-30 17:00 }
`,
    AMSTERDAM,
  );
  const notices = parsed.ok ? parsed.value : [];
  const ids = (at: string, flowId?: string): string[] => noticesFor(notices, new Date(at), flowId).map((n) => n.id);

  it('on a first card: the ones for its procedure and the general ones; on the menu: all', () => {
    expect(ids('2026-11-30T10:00:00Z', 'proef')).toEqual(['voor-proef', 'voor-iedereen']);
    expect(ids('2026-11-30T10:00:00Z', 'andere-procedure')).toEqual(['voor-iedereen']);
    expect(ids('2026-11-30T10:00:00Z')).toEqual(['voor-proef', 'voor-iedereen']);
  });

  it('from the start (local time) up to, not including, the end', () => {
    expect(ids('2026-11-30T07:59:59Z')).toEqual([]);
    expect(ids('2026-11-30T08:00:00Z')).toEqual(['voor-proef', 'voor-iedereen']);
    expect(ids('2026-11-30T15:59:59Z')).toEqual(['voor-proef', 'voor-iedereen']);
    expect(ids('2026-11-30T16:00:00Z')).toEqual([]);
  });
});
