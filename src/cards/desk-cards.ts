import type { CaseState } from '../troubleshooting/case-state.js';
import type { Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { Flow } from '../troubleshooting/flow-schema.js';
import { edgesOf } from '../troubleshooting/flow-graph.js';
import type { Notice } from '../troubleshooting/notices.js';
import type { AdaptiveCardJson, CardTemplates } from './card-templates.js';
import type { CaseTarget, DeskCardIntent } from './desk-card-intent.js';
import { formatDay } from './format.js';
import { fill, type Messages } from './messages.js';
import { matchesCardData, switchCardData } from './offer-cards.js';
import { noticeViews, stepCardData, type StepView } from './step-card.js';
import { submitData, type Owner } from './submit-schema.js';

/** Where the cards get the editors' notices: those valid at a moment, for one procedure or (none) for the menu. */
export interface NoticeSource {
  current(now: Date, flowId?: string): readonly Notice[];
}

export interface DeskCardsOptions {
  /** Notices shown on the menu and on a case's first card; none without. */
  readonly notices?: NoticeSource;
  /** When a card is made (to pick the notices valid then). */
  readonly now?: () => Date;
}

/** The cards of the conversation at the desk: the problem menu, help, and the step a case stands on. */
export class DeskCards {
  private readonly now: () => Date;

  constructor(
    private readonly templates: CardTemplates,
    private readonly catalog: FlowCatalog,
    readonly messages: Messages,
    private readonly options: DeskCardsOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The card of the step a case stands on: live, or as `view` says (after its click, closed,
   * read-only; whose case). The first step carries the notices valid now for its procedure;
   * `flowChanged` adds the flow's change note for its current version.
   */
  step(state: Pick<CaseState, 'caseId'>, position: Position, view: Omit<StepView, 'notices' | 'changeNote'> & { readonly flowChanged?: boolean } = {}): AdaptiveCardJson {
    const { flowChanged, ...rest } = view;
    const notices = position.step === 1 ? this.notices(position.flow.id) : [];
    const changeNote = flowChanged === true ? this.changeNote(position.flow) : undefined;
    return this.templates.expand('step', stepCardData(this.catalog, this.messages, state, position, { ...rest, notices, changeNote }));
  }

  /** "Dit stappenplan is gewijzigd op …" for the flow's current version; undefined when its file says nothing about that version. */
  changeNote(flow: Flow): string | undefined {
    const change = flow.changes?.find((c) => c.version === flow.version);
    return change && fill(this.messages.procedureChangedOn, { date: formatDay(change.date), note: change.note });
  }

  /** The problem menu; `intro` replaces the usual line (e.g. "no case is open"). */
  menu(intro?: string): AdaptiveCardJson {
    const m = this.messages;
    return this.flowList(this.catalog.flows, m.menuHeading, intro ?? m.menuIntro);
  }

  welcome(): AdaptiveCardJson {
    return this.flowList(this.catalog.flows, this.messages.welcomeHeading, this.messages.welcomeIntro);
  }

  /** "Bedoel je …?": the two or three procedures or steps a typed message could mean, each with one line about it. */
  matches(targets: readonly CaseTarget[]): AdaptiveCardJson | undefined {
    const data = matchesCardData(this.catalog, this.messages, targets);
    return data && this.templates.expand('matches', data);
  }

  /** Another problem typed during a case: start that one as a new case (this one stops), or go on with this one. */
  switchOffer(offer: { readonly caseId: string; readonly flowId: string; readonly step: number; readonly targets: readonly CaseTarget[]; readonly owner?: Owner; readonly chosen?: string }): AdaptiveCardJson | undefined {
    const data = switchCardData(this.catalog, this.messages, offer);
    return data && this.templates.expand('switch', data);
  }

  help(options: { readonly mentionHint: boolean }): AdaptiveCardJson {
    return this.templates.expand('help', {
      mentionHint: options.mentionHint,
      menuData: submitData({ action: 'menu' }),
    });
  }

  /** The card an intent names; undefined when its flow or step no longer exists. */
  render(intent: DeskCardIntent): AdaptiveCardJson | undefined {
    switch (intent.card) {
      case 'step': {
        const flow = this.catalog.flow(intent.flowId);
        const node = this.catalog.node(intent.flowId, intent.nodeId);
        if (!flow || !node) return undefined;
        const position = { flow, node, step: intent.step, edges: edgesOf(node) };
        return this.step({ caseId: intent.caseId }, position, {
          answered: intent.answered,
          closed: intent.closed,
          owner: intent.owner,
          readOnly: intent.readOnly,
          entry: intent.entry,
          offerList: intent.offerList,
          flowChanged: intent.flowChanged,
        });
      }
      case 'menu':
        return this.menu(intent.intro);
      case 'welcome':
        return this.welcome();
      case 'help':
        return this.help({ mentionHint: intent.mentionHint });
      case 'matches':
        return this.matches(intent.targets);
      case 'switch':
        return this.switchOffer(intent);
    }
  }

  private flowList(flows: readonly Flow[], heading: string, intro: string): AdaptiveCardJson {
    return this.templates.expand('menu', {
      notices: noticeViews(this.notices(undefined)),
      heading,
      intro,
      hint: this.messages.menuHint,
      flows: flows.map((f) => ({ title: f.title, data: submitData({ action: 'start', flow: f.id }) })),
    });
  }

  private notices(flowId: string | undefined): readonly Notice[] {
    return this.options.notices?.current(this.now(), flowId) ?? [];
  }
}
