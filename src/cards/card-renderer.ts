import type { CaseState } from '../troubleshooting/case-state.js';
import type { Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { Flow } from '../troubleshooting/flow-schema.js';
import type { AdaptiveCardJson, CardTemplates } from './card-templates.js';
import type { Messages } from './messages.js';
import type { CaseSummary } from '../summaries/case-summary.js';
import type { OutboxItem } from '../summaries/summary-outbox.js';
import type { StatisticsReport } from '../statistics/statistics-report.js';
import { statisticsCardData } from '../statistics/statistics-view.js';
import { channelSummaryData, staffSummaryData } from '../summaries/summary-view.js';
import type { TeamRecord } from '../summaries/team-registry.js';
import { stepCardData } from './step-card.js';
import { submitData } from './submit-schema.js';


/** Every card the bot sends, from the templates in `cards/` and typed data. */
export class CardRenderer {
  constructor(
    private readonly templates: CardTemplates,
    private readonly catalog: FlowCatalog,
    readonly messages: Messages,
  ) {}

  /** The card of the step a case stands on; with `answered`, the same card after its click. */
  step(state: CaseState, position: Position, answered?: { readonly label: string }): AdaptiveCardJson {
    return this.templates.expand('step', stepCardData(this.catalog, this.messages, state, position, answered));
  }

  /** The problem menu; `intro` replaces the usual line (e.g. "no case is open"). */
  menu(intro?: string): AdaptiveCardJson {
    const m = this.messages;
    return this.flowList(this.catalog.flows, m.menuHeading, intro ?? m.menuIntro);
  }

  welcome(): AdaptiveCardJson {
    return this.flowList(this.catalog.flows, this.messages.welcomeHeading, this.messages.welcomeIntro);
  }

  /** "Did you mean": the best few flows for a typed message. */
  matches(flows: readonly Flow[]): AdaptiveCardJson {
    return this.flowList(flows, this.messages.matchesHeading, this.messages.matchesIntro);
  }

  help(options: { readonly mentionHint: boolean }): AdaptiveCardJson {
    return this.templates.expand('help', {
      mentionHint: options.mentionHint,
      menuData: submitData({ action: 'menu' }),
    });
  }

  /** The summary card in the staff member's chat, with its share state once shared. */
  summary(summary: CaseSummary, options: { readonly teams: readonly TeamRecord[]; readonly item?: OutboxItem }): AdaptiveCardJson {
    return this.templates.expand('summary', staffSummaryData(this.messages, summary, options));
  }

  /** The post in the team channel. */
  channelSummary(item: OutboxItem): AdaptiveCardJson {
    return this.templates.expand('channel-summary', channelSummaryData(this.messages, item));
  }

  /** "statistieken" in a team channel: cases per flow and step, without names. */
  statistics(report: StatisticsReport): AdaptiveCardJson {
    return this.templates.expand('statistics', statisticsCardData(report));
  }

  private flowList(flows: readonly Flow[], heading: string, intro: string): AdaptiveCardJson {
    return this.templates.expand('menu', {
      heading,
      intro,
      hint: this.messages.menuHint,
      flows: flows.map((f) => ({ title: f.title, data: submitData({ action: 'start', flow: f.id }) })),
    });
  }
}
