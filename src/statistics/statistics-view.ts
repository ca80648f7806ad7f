import type { AdaptiveCardJson, CardTemplates } from '../cards/card-templates.js';
import { casesText, fill, type Messages } from '../cards/messages.js';
import { formatMilliseconds } from '../cards/format.js';
import { abandonedDetail, endingsText } from './ending-labels.js';
import { abandoned, type StatisticsReport } from './statistics-report.js';

const DAY_FORMAT = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', dateStyle: 'medium' });
const day = (iso: string): string => (iso === '' ? '' : DAY_FORMAT.format(new Date(`${iso}T00:00:00Z`)));
const duration = (ms: number | undefined): string => (ms === undefined ? '-' : formatMilliseconds(ms));

/**
 * The typed data behind `cards/statistics.json`: per flow its totals, and every step at least one
 * case reached with how the cases that ended there ended.
 */
export function statisticsCardData(messages: Messages, report: StatisticsReport) {
  return {
    from: day(report.from),
    to: day(report.to),
    cases: report.cases,
    casesText: casesText(messages, report.cases),
    flows: report.flows
      .filter((f) => f.cases > 0 || f.steps.some((s) => s.inFlow))
      .map((f) => ({
        title: f.title,
        cases: f.cases,
        versions: f.versions.length === 0 ? '' : ` (versie ${f.versions.join(', ')})`,
        // Strings: a fact value that is only a number would be dropped by the card templating.
        opgelost: String(f.endings.opgelost),
        nietOpgelost: String(f.endings['niet-opgelost']),
        doorverwezen: String(f.endings.doorverwijzen),
        afgebroken: String(abandoned(f.endings)),
        abandonedDetail: abandonedDetail(messages, f.endings),
        median: duration(f.medianMs),
        steps: f.steps
          .filter((s) => s.reached > 0)
          .map((s) => ({
            title: s.inFlow ? s.title : fill(messages.stepNoLongerInFlow, { id: s.id }),
            reached: s.reached,
            ended: endingsText(messages, s.endedHere),
            median: s.medianMs === undefined ? undefined : duration(s.medianMs),
            entered: s.entered > 0 ? s.entered : undefined,
          })),
        unreached: f.steps.filter((s) => s.inFlow && s.reached === 0).length,
      })),
    unrecognised: report.unrecognised.map((p) => ({ times: String(p.count), phrase: p.phrase })),
  };
}

/** "statistieken" in a team channel: cases per flow and step, without names. */
export function statisticsCard(templates: CardTemplates, messages: Messages, report: StatisticsReport): AdaptiveCardJson {
  return templates.expand('statistics', statisticsCardData(messages, report));
}
