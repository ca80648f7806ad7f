import { describe, expect, it } from 'vitest';
import { buildReport, median } from '../../src/statistics/statistics-report.js';
import type { StatisticsRecord } from '../../src/statistics/statistics-record.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';

const catalog = loadFlowCatalog('test/fixtures/flows');
const period = { from: '2026-03-01', to: '2026-03-02' };
const record = (path: string[], ending: StatisticsRecord['ending'], minutes: number, flowVersion = 1): StatisticsRecord => ({
  v: 1,
  flowId: 'proef',
  flowVersion,
  path,
  ending,
  durationMs: minutes * 60_000,
  day: '2026-03-02',
});

describe('the step report', () => {
  const report = buildReport(
    catalog,
    [
      record(['vraag', 'doe-iets', 'controle', 'doe-iets', 'controle', 'klaar'], 'opgelost', 6),
      record(['vraag', 'klaar'], 'opgelost', 2),
      record(['vraag', 'doe-iets', 'controle', 'niet-klaar'], 'doorverwijzen', 5),
      record(['vraag', 'doe-iets'], 'verlopen', 30),
      record(['vraag', 'oude-stap'], 'gestopt', 1, 2),
    ],
    period,
  );
  const flow = report.flows[0];
  const step = (id: string) => flow?.steps.find((s) => s.id === id);

  it('counts a case that checked again ("controleer opnieuw") once on each step it passed', () => {
    expect(step('doe-iets')?.reached).toBe(3);
    expect(step('controle')?.reached).toBe(2);
    expect(step('vraag')?.reached).toBe(5);
  });

  it('counts where cases ended and how, with the median duration of those cases', () => {
    expect(step('klaar')?.endedHere.opgelost).toBe(2);
    expect(step('klaar')?.medianMs).toBe(4 * 60_000);
    expect(step('doe-iets')?.endedHere.verlopen).toBe(1);
    expect(step('niet-klaar')?.endedHere.doorverwijzen).toBe(1);
    expect(flow?.cases).toBe(5);
    expect(flow?.medianMs).toBe(5 * 60_000);
    expect(flow?.versions).toEqual([1, 2]);
  });

  it('lists steps of an older version after the current ones, marked as no longer in the flow', () => {
    expect(flow?.steps.map((s) => s.id)).toEqual(['vraag', 'doe-iets', 'controle', 'klaar', 'niet-klaar', 'oude-stap']);
    expect(step('oude-stap')).toMatchObject({ inFlow: false, reached: 1, title: 'oude-stap' });
  });

  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
  });
});
