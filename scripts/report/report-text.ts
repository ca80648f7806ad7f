import { formatMilliseconds } from '../../src/summaries/case-summary.js';
import { abandonedDetail, casesText, COUNT_LABELS } from '../../src/statistics/ending-labels.js';
import { abandoned, type FlowStatistics, type StatisticsReport } from '../../src/statistics/statistics-report.js';

const duration = (ms: number | undefined): string => (ms === undefined ? '-' : formatMilliseconds(ms));

const HEADERS = ['stap', 'bereikt', COUNT_LABELS.opgelost, COUNT_LABELS['niet-opgelost'], COUNT_LABELS.doorverwijzen, COUNT_LABELS.afgebroken, 'mediane duur', 'titel'] as const;
/** Columns after the step id that hold numbers (right-aligned). */
const NUMERIC = new Set([1, 2, 3, 4, 5]);

function flowLines(flow: FlowStatistics): string[] {
  const versions = flow.versions.length === 0 ? '' : `, versie ${flow.versions.join(', ')}`;
  if (flow.cases === 0) return [`${flow.title} (${flow.id})${versions}: geen casussen`];
  const e = flow.endings;
  const head = `${flow.title} (${flow.id})${versions}: ${casesText(flow.cases)}, ${e.opgelost} ${COUNT_LABELS.opgelost}, ${e['niet-opgelost']} ${COUNT_LABELS['niet-opgelost']}, ${e.doorverwijzen} ${COUNT_LABELS.doorverwijzen}, ${abandoned(e)} ${COUNT_LABELS.afgebroken}${abandonedDetail(e)}; mediane duur ${duration(flow.medianMs)}`;
  const rows = flow.steps.map((s) => [
    s.id,
    String(s.reached),
    String(s.endedHere.opgelost),
    String(s.endedHere['niet-opgelost']),
    String(s.endedHere.doorverwijzen),
    String(abandoned(s.endedHere)),
    duration(s.medianMs),
    s.inFlow ? s.title : '(niet meer in de flow)',
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `  ${cells
      .map((cell, i) => (i === cells.length - 1 ? cell : NUMERIC.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')}`.trimEnd();
  return [head, line(HEADERS), ...rows.map(line)];
}

/**
 * The report as plain text for `npm run report`: per flow a line with its totals, then a table
 * of its steps: reached, ended there (resolved, unresolved, referred, abandoned), median duration
 * of the cases that ended there.
 */
export function reportText(report: StatisticsReport): string {
  const lines = [`Baliewijzer: statistieken van ${report.from} t/m ${report.to} (UTC), ${casesText(report.cases)}`];
  if (report.unreadable > 0) lines.push(`Let op: ${report.unreadable} opgeslagen casussen konden niet worden gelezen en tellen niet mee.`);
  for (const flow of report.flows) lines.push('', ...flowLines(flow));
  lines.push('', `"${COUNT_LABELS.afgebroken}": ${COUNT_LABELS.gestopt}, ${COUNT_LABELS.gewisseld} of ${COUNT_LABELS.verlopen}. "Mediane duur" per stap: van de casussen die daar eindigden.`);
  return `${lines.join('\n')}\n`;
}
