import type { CaseState } from '../troubleshooting/case-state.js';
import type { Notice } from '../troubleshooting/notices.js';
import type { Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import type { Closing } from './desk-card-intent.js';
import { endingView } from './ending-view.js';
import { fill, type Messages } from './messages.js';
import { submitData, type Owner, type Submit } from './submit-schema.js';

interface Button {
  title: string;
  data: Submit;
}

/** A notice as a banner shows it (menu and first card). */
export interface NoticeView {
  text: string;
  link?: { title: string; url: string };
}

export const noticeViews = (notices: readonly Notice[]): NoticeView[] => notices.map((n) => ({ text: n.text, link: n.link && { title: n.link.title, url: n.link.url } }));

/** The typed data behind `cards/step.json`. */
export interface StepCardData {
  /** Banners from the editors' notices (first card of a case only). */
  notices: NoticeView[];
  /** "Dit stappenplan is gewijzigd op …", once per staff member after a version change. */
  changeNote?: string;
  flowTitle: string;
  step: number;
  /** "Casus van …", on a case card in a group chat or channel. */
  ownerLine?: string;
  title: string;
  /** An instruction: the card says "Doe dit:" and its one button is "Gedaan". */
  action: boolean;
  text?: string;
  question?: string;
  wise?: string;
  steps: Array<{ number: number; text: string; wise?: string }>;
  facts: Array<{ name: string; value: string }>;
  warnings: string[];
  links: Array<{ title: string; url: string }>;
  outcome?: { label: string; style: string };
  answers: Button[];
  navigation: Button[];
  /** Why the card has no buttons any more ("✔ Gekozen: …", "↩ Teruggegaan"). */
  closedLine?: string;
  /** Teams asks the bot for the owner's view of the live card (Universal Actions refresh). */
  refresh?: { data: Submit; userIds: string[] };
  source: string;
  /** A case that started at a later step: "Gestart bij: …" and "Vanaf het begin". */
  startedAt?: Offer;
  /** The first card of a case the search started: "Niet wat je zocht?" and "Kies uit de lijst". */
  chooseFromList?: Offer;
  /** An end step that refers to another procedure: a line naming it and the button that starts it. */
  continueIn?: Offer;
}

/** A line of text and the one button that goes with it. */
interface Offer {
  text: string;
  title: string;
  data: Submit;
}

/**
 * How a step card is shown: live (the default), after its click, closed another way, read-only
 * for others; whose case it is; where the case started, whether the search started it, and its
 * banners.
 */
export interface StepView {
  readonly answered?: string;
  readonly closed?: Closing;
  readonly owner?: Owner;
  readonly readOnly?: boolean;
  /** The step the case started at (deep entry), if not at the top. */
  readonly entry?: string;
  /** The first card of a case the typed text started: offer the list in case it is not what was meant. */
  readonly offerList?: boolean;
  /** Banners from the editors' notices (first card of a case only). */
  readonly notices?: readonly Notice[];
  /** "Dit stappenplan is gewijzigd op …": the first card a staff member sees in a new version. */
  readonly changeNote?: string;
}

const wisePath = (path: readonly string[] | undefined): string | undefined => path?.join(' → ');

/**
 * The card for the step a case stands on. Only the live card has buttons; `view` renders the same
 * step after its click (the chosen answer shown), closed another way (the reason shown), or as
 * anyone but the owner sees it. In a group chat or channel (`owner`) the card names the owner,
 * each button names them too (so the bot can refuse a colleague's click), and the live card asks
 * Teams to refresh it for the owner.
 */
export function stepCardData(catalog: FlowCatalog, messages: Messages, state: Pick<CaseState, 'caseId'>, position: Position, view: StepView = {}): StepCardData {
  const { node, step, flow } = position;
  const open = view.answered === undefined && view.closed === undefined && !view.readOnly;
  const { caseId } = state;
  const owner = view.owner;
  const entry = view.entry === undefined ? undefined : catalog.node(flow.id, view.entry);
  const answers: Button[] = open
    ? position.edges.map((e) => ({
        title: e.label,
        data: submitData({ action: 'answer', caseId, node: node.id, step, answer: e.answerId, owner }),
      }))
    : [];
  const navigation: Button[] = [];
  if (open && node.kind !== 'end') {
    // From the first card of a deep entry, back goes to the menu.
    if (step > 1 || entry) navigation.push({ title: messages.labelBack, data: submitData({ action: 'back', caseId, step, owner }) });
    navigation.push({ title: messages.labelRestart, data: submitData({ action: 'restart', caseId, owner }) });
    navigation.push({ title: messages.labelStop, data: submitData({ action: 'stop', caseId, owner }) });
  }
  if (open && node.kind === 'end') {
    navigation.push({ title: messages.labelNewCase, data: submitData({ action: 'menu' }) });
  }
  return {
    notices: noticeViews(view.notices ?? []),
    changeNote: view.changeNote,
    flowTitle: flow.title,
    step,
    ownerLine: owner && fill(messages.caseOf, { name: owner.name || messages.unknownStaff }),
    title: node.title,
    action: node.kind === 'instruction',
    text: node.text,
    question: node.kind === 'question' && open ? node.question : undefined,
    wise: wisePath(node.wise),
    steps: (node.steps ?? []).map((s, i) => ({ number: i + 1, text: s.text, wise: wisePath(s.wise) })),
    facts: node.facts ?? [],
    warnings: node.warnings ?? [],
    links: node.links ?? [],
    outcome: node.kind === 'end' ? endingView(messages, node.outcome) : undefined,
    answers,
    navigation,
    closedLine: closedLine(messages, view),
    refresh: open && owner && node.kind !== 'end' ? { data: submitData({ action: 'refresh', caseId, flow: flow.id, node: node.id, step, owner }), userIds: [owner.id] } : undefined,
    source: catalog.sourceLine(node.source),
    startedAt: open && entry && node.kind !== 'end' ? { text: fill(messages.startedAtStep, { step: entry.title }), title: messages.labelFromStart, data: submitData({ action: 'from-start', caseId, owner }) } : undefined,
    chooseFromList: open && view.offerList === true && node.kind !== 'end' ? { text: messages.notWhatYouWanted, title: messages.labelChooseFromList, data: submitData({ action: 'menu' }) } : undefined,
    // An end card followed by the summary has no buttons of its own, but keeps the one to the procedure it refers to.
    continueIn: (open || view.closed === 'final') && node.kind === 'end' ? continueInOffer(catalog, messages, node.continueIn) : undefined,
  };
}

/** The button of an end step that refers to another procedure, at the step it names. */
function continueInOffer(catalog: FlowCatalog, messages: Messages, to: { readonly flow: string; readonly node?: string } | undefined): Offer | undefined {
  const flow = to && catalog.flow(to.flow);
  if (!to || !flow) return undefined;
  const node = to.node === undefined ? undefined : catalog.node(flow.id, to.node);
  const text = node ? fill(messages.continueInStep, { flow: flow.title, step: node.title }) : fill(messages.continueInFlow, { flow: flow.title });
  return { text, title: flow.title, data: submitData({ action: 'start', flow: flow.id, node: node?.id }) };
}

function closedLine(messages: Messages, view: StepView): string | undefined {
  if (view.answered !== undefined) return fill(messages.closedChosen, { answer: view.answered });
  switch (view.closed) {
    case undefined:
    case 'final':
      return undefined;
    case 'back':
      return messages.closedBack;
    case 'restarted':
      return messages.closedRestarted;
    case 'stopped':
      return messages.closedStopped;
    case 'switched':
      return messages.closedSwitched;
    case 'expired':
      return messages.closedExpired;
    case 'reshown':
      return messages.closedReshown;
  }
}
