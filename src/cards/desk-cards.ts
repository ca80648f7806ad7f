import type { CaseState } from '../troubleshooting/case-state.js';
import type { Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { Flow } from '../troubleshooting/flow-schema.js';
import { edgesOf } from '../troubleshooting/flow-graph.js';
import type { AdaptiveCardJson, CardTemplates } from './card-templates.js';
import type { DeskCardIntent } from './desk-card-intent.js';
import type { Messages } from './messages.js';
import { stepCardData, type StepView } from './step-card.js';
import { submitData } from './submit-schema.js';

/** The cards of the conversation at the desk: the problem menu, help, and the step a case stands on. */
export class DeskCards {
  constructor(
    private readonly templates: CardTemplates,
    private readonly catalog: FlowCatalog,
    readonly messages: Messages,
  ) {}

  /** The card of the step a case stands on: live, or as `view` says (after its click, closed, read-only; whose case). */
  step(state: Pick<CaseState, 'caseId'>, position: Position, view: StepView = {}): AdaptiveCardJson {
    return this.templates.expand('step', stepCardData(this.catalog, this.messages, state, position, view));
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

  /** The card an intent names; undefined when its flow or step no longer exists. */
  render(intent: DeskCardIntent): AdaptiveCardJson | undefined {
    switch (intent.card) {
      case 'step': {
        const flow = this.catalog.flow(intent.flowId);
        const node = this.catalog.node(intent.flowId, intent.nodeId);
        if (!flow || !node) return undefined;
        const position = { flow, node, step: intent.step, edges: edgesOf(node) };
        return this.step({ caseId: intent.caseId }, position, { answered: intent.answered, closed: intent.closed, owner: intent.owner, readOnly: intent.readOnly });
      }
      case 'menu':
        return this.menu(intent.intro);
      case 'welcome':
        return this.welcome();
      case 'help':
        return this.help({ mentionHint: intent.mentionHint });
      case 'matches':
        return this.matches(intent.flowIds.flatMap((id) => this.catalog.flow(id) ?? []));
    }
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
