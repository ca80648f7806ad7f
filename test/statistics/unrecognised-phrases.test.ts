import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/cards/messages.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { StoreSweep } from '../../src/storage/store-sweep.js';
import { UnrecognisedPhrases, unrecognisedPhrase, unrecognisedRetentionRule } from '../../src/statistics/unrecognised-phrases.js';
import { maskNote } from '../../src/summaries/mask-note.js';
import { reportText } from '../../scripts/report/report-text.js';
import { buildReport } from '../../src/statistics/statistics-report.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { silentLogger } from '../support/logs.js';

const messages = loadMessages('cards');
const NOW = new Date('2026-06-30T12:00:00.000Z');
const at = (daysAgo: number): string => new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString();
const DAYS = Array.from({ length: 40 }, (_, i) => at(39 - i).slice(0, 10));

describe('phrases the bot did not recognise', () => {
  it('are kept masked, on one line, in lower case', () => {
    expect(unrecognisedPhrase('  Pas 2001 2345 6789 van\nMevrouw De Boer   werkt niet ', (t) => maskNote(t, messages))).toBe('pas [nummer verwijderd] van mevrouw [naam verwijderd] werkt niet');
    expect(unrecognisedPhrase('   ', (t) => t)).toBeUndefined();
  });

  it('count each typed message once, also when its turn is carried out again, and add up over days', async () => {
    const phrases = new UnrecognisedPhrases(new MemoryStore());
    await phrases.record({ phrase: 'printer is stuk', occurrence: 'a', at: at(2) });
    await phrases.record({ phrase: 'printer is stuk', occurrence: 'a', at: at(2) });
    await phrases.record({ phrase: 'Printer is stuk!', occurrence: 'b', at: at(1) });
    await phrases.record({ phrase: 'wifi doet het niet', occurrence: 'c', at: at(1) });
    expect(await phrases.top(DAYS)).toEqual([
      { phrase: 'printer is stuk', count: 2 },
      { phrase: 'wifi doet het niet', count: 1 },
    ]);
    expect(await phrases.top(DAYS, 1)).toEqual([{ phrase: 'printer is stuk', count: 2 }]);
  });

  it('are deleted by the sweep after RECORD_RETENTION_DAYS', async () => {
    const store = new MemoryStore(() => new Date(NOW.getTime() - 35 * 86_400_000));
    const phrases = new UnrecognisedPhrases(store);
    await phrases.record({ phrase: 'oud probleem', occurrence: 'a', at: at(35) });
    await phrases.record({ phrase: 'recent probleem', occurrence: 'b', at: at(5) });
    const sweep = new StoreSweep({ store, rules: [unrecognisedRetentionRule(30)], log: silentLogger(), now: () => NOW });
    expect(await sweep.sweepOnce()).toBe(1);
    expect(await phrases.top(DAYS)).toEqual([{ phrase: 'recent probleem', count: 1 }]);
  });

  it('are listed by npm run report, most frequent first', () => {
    const report = buildReport(loadFlowCatalog('test/fixtures/flows'), [], { from: '2026-06-01', to: '2026-06-30', unrecognised: [{ phrase: 'printer is stuk', count: 12 }, { phrase: 'wifi doet het niet', count: 3 }] });
    expect(reportText(messages, report)).toContain('Niet herkend: de 2 vaakst getypte zinnen zonder stappenplan (voeg ze toe als synoniem of instapzin in flows/)\n  12×  printer is stuk\n   3×  wifi doet het niet\n');
  });
});
