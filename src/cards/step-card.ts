import type { CaseState } from '../troubleshooting/case-state.js';
import type { Notice } from '../troubleshooting/notices.js';
import type { Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import { endingView } from './ending-view.js';
import { fill, type Messages } from './messages.js';
import { submitData, type Submit } from './submit-schema.js';

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
  chosen?: string;
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

/** How a step card is shown besides its step: where the case started, whether the search started it, and its banners. */
export interface StepCardOptions {
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
 * The card for the step a case stands on. `answered` renders the same step after the click:
 * the chosen answer shown, no buttons left to click.
 */
export function stepCardData(
  catalog: FlowCatalog,
  messages: Messages,
  state: Pick<CaseState, 'caseId'>,
  position: Position,
  answered?: { readonly label: string },
  options: StepCardOptions = {},
): StepCardData {
  const { node, step, flow } = position;
  const open = answered === undefined;
  const caseId = state.caseId;
  const entry = options.entry === undefined ? undefined : catalog.node(flow.id, options.entry);
  const answers: Button[] = open
    ? position.edges.map((e) => ({
        title: e.label,
        data: submitData({ action: 'answer', caseId, node: node.id, step, answer: e.answerId }),
      }))
    : [];
  const navigation: Button[] = [];
  if (open && node.kind !== 'end') {
    // From the first card of a deep entry, back goes to the menu.
    if (step > 1 || entry) navigation.push({ title: messages.labelBack, data: submitData({ action: 'back', caseId, step }) });
    navigation.push({ title: messages.labelRestart, data: submitData({ action: 'restart', caseId }) });
    navigation.push({ title: messages.labelStop, data: submitData({ action: 'stop', caseId }) });
  }
  if (open && node.kind === 'end') {
    navigation.push({ title: messages.labelNewCase, data: submitData({ action: 'menu' }) });
  }
  return {
    notices: noticeViews(options.notices ?? []),
    changeNote: options.changeNote,
    flowTitle: flow.title,
    step,
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
    chosen: answered?.label,
    source: catalog.sourceLine(node.source),
    startedAt: open && entry && node.kind !== 'end' ? { text: fill(messages.startedAtStep, { step: entry.title }), title: messages.labelFromStart, data: submitData({ action: 'from-start', caseId }) } : undefined,
    chooseFromList: open && options.offerList === true && node.kind !== 'end' ? { text: messages.notWhatYouWanted, title: messages.labelChooseFromList, data: submitData({ action: 'menu' }) } : undefined,
    continueIn: open && node.kind === 'end' ? continueInOffer(catalog, messages, node.continueIn) : undefined,
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
