import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { CaseTarget } from './desk-card-intent.js';
import { fill, type Messages } from './messages.js';
import { submitData, type Owner, type Submit } from './submit-schema.js';

/** A procedure or step offered on a card: its button (the procedure's title) and one line about it. */
interface TargetOption {
  readonly title: string;
  readonly description: string;
  readonly data: Submit;
}

/** The typed data behind `cards/matches.json`: "Bedoel je …?", two or three options; undefined when fewer still exist. */
export function matchesCardData(catalog: FlowCatalog, messages: Messages, targets: readonly CaseTarget[]) {
  const options = targetOptions(catalog, messages, targets, (flow, node) => submitData({ action: 'start', flow, node }));
  if (options.length < 2) return undefined;
  return { heading: messages.matchesHeading, intro: messages.matchesIntro, options, listLabel: messages.labelChooseFromList, listData: submitData({ action: 'menu' }) };
}

/**
 * The typed data behind `cards/switch.json`: another problem typed during a case (at `step` of
 * `flowId`): start it as a new case (the current one stops), or go on with the current one.
 */
export function switchCardData(
  catalog: FlowCatalog,
  messages: Messages,
  offer: { readonly caseId: string; readonly flowId: string; readonly step: number; readonly targets: readonly CaseTarget[]; readonly owner?: Owner; readonly chosen?: string },
) {
  const current = catalog.flow(offer.flowId);
  const chosen = offer.chosen === undefined ? undefined : fill(messages.closedChosen, { answer: offer.chosen });
  const options = chosen === undefined ? targetOptions(catalog, messages, offer.targets, (flow, node) => submitData({ action: 'switch', caseId: offer.caseId, flow, node, owner: offer.owner })) : [];
  if (!current || (options.length === 0 && chosen === undefined)) return undefined;
  return {
    chosen,
    heading: messages.switchHeading,
    intro: fill(messages.switchIntro, { flow: current.title, step: offer.step }),
    newCaseLabel: messages.switchNewCase,
    options,
    resumeLabel: messages.labelResume,
    resumeData: submitData({ action: 'resume', caseId: offer.caseId, owner: offer.owner }),
  };
}

/** Targets that still exist, as buttons with the procedure's title (it fits a phone) and a line on the procedure or the step it starts at. */
function targetOptions(catalog: FlowCatalog, messages: Messages, targets: readonly CaseTarget[], data: (flowId: string, nodeId: string | undefined) => Submit): TargetOption[] {
  return targets.flatMap((t) => {
    const flow = catalog.flow(t.flowId);
    const node = t.nodeId === undefined ? undefined : catalog.node(t.flowId, t.nodeId);
    if (!flow || (t.nodeId !== undefined && !node)) return [];
    return [{ title: flow.title, description: node ? fill(messages.matchesStep, { step: node.title }) : flow.description, data: data(flow.id, node?.id) }];
  });
}
