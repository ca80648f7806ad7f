import type { CaseState } from '../troubleshooting/case-state.js';
import type { Notice } from '../troubleshooting/notices.js';
import type { Position } from '../troubleshooting/engine.js';
import type { FlowCatalog } from '../troubleshooting/flow-catalog.js';
import { endingView } from './ending-view.js';
import type { Messages } from './messages.js';
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
  banners: { readonly notices?: readonly Notice[]; readonly changeNote?: string } = {},
): StepCardData {
  const { node, step, flow } = position;
  const open = answered === undefined;
  const caseId = state.caseId;
  const answers: Button[] = open
    ? position.edges.map((e) => ({
        title: e.label,
        data: submitData({ action: 'answer', caseId, node: node.id, step, answer: e.answerId }),
      }))
    : [];
  const navigation: Button[] = [];
  if (open && node.kind !== 'end') {
    if (step > 1) navigation.push({ title: messages.labelBack, data: submitData({ action: 'back', caseId, step }) });
    navigation.push({ title: messages.labelRestart, data: submitData({ action: 'restart', caseId }) });
    navigation.push({ title: messages.labelStop, data: submitData({ action: 'stop', caseId }) });
  }
  if (open && node.kind === 'end') {
    navigation.push({ title: messages.labelNewCase, data: submitData({ action: 'menu' }) });
  }
  return {
    notices: noticeViews(banners.notices ?? []),
    changeNote: banners.changeNote,
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
  };
}
