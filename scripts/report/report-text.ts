import { casesText, fill, type Messages } from '../../src/cards/messages.js';
import { formatMilliseconds } from '../../src/cards/format.js';
import { abandonedDetail } from '../../src/statistics/ending-labels.js';
import { abandoned, type FlowStatistics, type StatisticsReport } from '../../src/statistics/statistics-report.js';

const duration = (ms: number | undefined): string => (ms === undefined ? '-' : formatMilliseconds(ms));

const headers = (words: Messages['endingCounts']) => ['stap', 'bereikt', words.opgelost, words['niet-opgelost'], words.doorverwijzen, words.afgebroken, 'mediane duur', 'titel'] as const;
/** Columns after the step id that hold numbers (right-aligned). */
const NUMERIC = new Set([1, 2, 3, 4, 5]);

function flowLines(messages: Messages, flow: FlowStatistics): string[] {
  const words = messages.endingCounts;
  const HEADERS = headers(words);
  const versions = flow.versions.length === 0 ? '' : `, versie ${flow.versions.join(', ')}`;
  if (flow.cases === 0) return [`${flow.title} (${flow.id})${versions}: geen casussen`];
  const e = flow.endings;
  const head = `${flow.title} (${flow.id})${versions}: ${casesText(messages, flow.cases)}, ${e.opgelost} ${words.opgelost}, ${e['niet-opgelost']} ${words['niet-opgelost']}, ${e.doorverwijzen} ${words.doorverwijzen}, ${abandoned(e)} ${words.afgebroken}${abandonedDetail(messages, e)}; mediane duur ${duration(flow.medianMs)}`;
  const rows = flow.steps.map((s) => [
    s.id,
    String(s.reached),
    String(s.endedHere.opgelost),
    String(s.endedHere['niet-opgelost']),
    String(s.endedHere.doorverwijzen),
    String(abandoned(s.endedHere)),
    duration(s.medianMs),
    s.inFlow ? s.title : fill(messages.stepNoLongerInFlow, { id: '' }).trim(),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells
      .map((cell, i) => (i === cells.length - 1 ? cell : NUMERIC.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')}`.trimEnd();
  const entered = flow.steps.filter((s) => s.entered > 0).map((s) => `${s.id} ${s.entered}×`);
  return [head, line(HEADERS), ...rows.map(line), ...(entered.length > 0 ? [`  direct gestart bij een stap (getypt symptoom of doorverwijzing): ${entered.join(', ')}`] : [])];
}

/**
 * The report as plain text for `npm run report`: per flow a line with its totals, then a table
 * of its steps: reached, ended there (resolved, unresolved, referred, abandoned), median duration
 * of the cases that ended there.
 */
export function reportText(messages: Messages, report: StatisticsReport): string {
  const words = messages.endingCounts;
  const lines = [`Baliewijzer: statistieken van ${report.from} t/m ${report.to} (UTC), ${casesText(messages, report.cases)}`];
  if (report.unreadable > 0) lines.push(`Let op: ${report.unreadable} opgeslagen casussen konden niet worden gelezen en tellen niet mee.`);
  for (const flow of report.flows) lines.push('', ...flowLines(messages, flow));
  if (report.unrecognised.length > 0) {
    lines.push('', `Niet herkend: de ${report.unrecognised.length} vaakst getypte zinnen zonder stappenplan (voeg ze toe als synoniem of instapzin in flows/)`);
    const width = Math.max(...report.unrecognised.map((p) => String(p.count).length));
    for (const p of report.unrecognised) lines.push(`  ${String(p.count).padStart(width)}×  ${p.phrase}`);
  }
  lines.push('', `"${words.afgebroken}": ${words.gestopt}, ${words.gewisseld} of ${words.verlopen}. "Mediane duur" per stap: van de casussen die daar eindigden.`);
  return `${lines.join('\n')}\n`;
}
