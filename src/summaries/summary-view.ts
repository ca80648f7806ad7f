import { endingView } from '../cards/ending-view.js';
import type { Messages } from '../cards/messages.js';
import { fill } from '../cards/messages.js';
import { submitData, type Submit } from '../cards/submit-schema.js';
import { formatDuration, formatWhen } from '../cards/format.js';
import type { CaseSummary } from './case-summary.js';
import type { Handover } from './handover-board.js';
import type { PostFailure } from './retry-policy.js';
import type { OutboxItem } from './summary-outbox.js';
import type { TeamRecord } from './team-registry.js';

/** Data shared by the staff member's summary card and the channel post; times in `timeZone` (config TIME_ZONE). */
function common(messages: Messages, summary: CaseSummary, timeZone: string | undefined) {
  return {
    flowTitle: summary.flowTitle,
    flowVersion: summary.flowVersion,
    outcome: endingView(messages, summary.outcome),
    steps: summary.steps.map((s, i) => ({ number: i + 1, title: s.title, answer: s.answer })),
    endTitle: summary.endTitle,
    entryTitle: summary.entryTitle,
    continuedIn: summary.continuedIn,
    when: formatWhen(summary.endedAt, timeZone),
    duration: formatDuration(summary.startedAt, summary.endedAt),
    staffName: summary.staff.name || messages.unknownStaff,
    takenOverText: summary.takenOver && fill(messages.takenOverFrom, { name: summary.takenOver.from.name || messages.unknownStaff }),
    takenOverNote: summary.takenOver?.note && fill(messages.handoverIntroNote, { name: summary.takenOver.from.name || messages.unknownStaff, note: summary.takenOver.note }),
  };
}

/** "Balieteam Assen › Casussen", or "› Algemeen" for a team's General channel (whose id is the team's own). */
export function channelLabel(messages: Messages, target: { teamId?: string; teamName?: string; channelId?: string; channelName?: string } | undefined): string {
  if (!target) return messages.channelFallback;
  const channelName = target.channelName ?? (target.channelId !== undefined && target.channelId === target.teamId ? messages.generalChannel : undefined);
  if (target.teamName && channelName) return `${target.teamName} › ${channelName}`;
  return target.teamName ?? channelName ?? messages.channelFallback;
}

/** Why a post did not go out, in words for the staff member. */
export function failureText(messages: Messages, failure: PostFailure | undefined): string {
  switch (failure?.code) {
    case 'no-access':
      return messages.shareFailureNoAccess;
    case 'status':
      return fill(messages.shareFailureStatus, { status: failure.status });
    case 'gave-up':
      return fill(messages.shareFailureGaveUp, { attempts: failure.attempts, reason: failure.status === undefined ? messages.shareFailureNoConnection : fill(messages.shareFailureStatus, { status: failure.status }) });
    case 'unreadable':
      return messages.shareFailureUnreadable;
    case 'no-connection':
    case undefined:
      return messages.shareFailureNoConnection;
  }
}

/** Where a shared summary stands: an outbox item, or as much of one as could be read. */
export type ShareState = Pick<OutboxItem, 'status' | 'attempts' | 'lastFailure'> & { readonly target?: OutboxItem['target'] };

/** The share state as the staff member sees it on their summary card. */
export function shareStatus(messages: Messages, item: ShareState): { text: string; style: string } {
  const channel = channelLabel(messages, item.target);
  switch (item.status) {
    case 'pending':
      return item.attempts === 0
        ? { text: fill(messages.shareQueued, { channel }), style: 'emphasis' }
        : { text: fill(messages.shareRetrying, { reason: failureText(messages, item.lastFailure), attempt: item.attempts + 1 }), style: 'warning' };
    case 'sending':
      return { text: fill(messages.shareQueued, { channel }), style: 'emphasis' };
    case 'sent':
      return { text: fill(messages.shareSent, { channel }), style: 'good' };
    case 'failed':
      return { text: fill(messages.shareFailed, { reason: failureText(messages, item.lastFailure) }), style: 'attention' };
  }
}

/** The staff member's summary card: shareable (note field, team choice, buttons) or showing its share state. */
export function staffSummaryData(
  messages: Messages,
  summary: CaseSummary,
  options: { readonly teams: ReadonlyArray<Pick<TeamRecord, 'teamId' | 'teamName'>>; readonly item?: ShareState; readonly timeZone?: string },
) {
  const { item } = options;
  const shareable = item === undefined || item.status === 'failed';
  const actions: Array<{ title: string; data: Submit }> = [];
  // Names whose case it is, so in a group chat or channel a colleague's click is refused.
  const owner = { id: summary.staff.id, name: summary.staff.name };
  if (shareable) actions.push({ title: item ? messages.labelShareAgain : messages.labelShare, data: submitData({ action: 'share', caseId: summary.caseId, owner }) });
  actions.push({ title: messages.labelNewCase, data: submitData({ action: 'menu' }) });
  return {
    ...common(messages, summary, options.timeZone),
    shareable,
    teams: options.teams.map((t) => ({ title: t.teamName ?? t.teamId, value: t.teamId })),
    defaultTeam: '',
    status: item ? shareStatus(messages, item) : undefined,
    actions,
  };
}

/** What a channel post shows: a summary (outbox item or handed-over case), its note, and its team. */
export interface ChannelPost {
  readonly summary: CaseSummary;
  readonly note?: string;
  readonly target: { readonly teamId: string };
}

/** Where a handed-over case stands, as far as its channel card shows it. */
export type HandoverState = Pick<Handover, 'claimed' | 'handled' | 'continuedAs'>;

/**
 * The channel post: the summary, the staff member @mentioned, the (masked) note, and for an
 * unresolved case who picked it up: "Ik pak dit op" while nobody has, then who did (with
 * "Verder in mijn chat" and "Afgehandeld" with a note field), then who handled it.
 */
export function channelSummaryData(messages: Messages, item: ChannelPost, options: { readonly handover?: HandoverState; readonly timeZone?: string } = {}) {
  const { summary } = item;
  const handover = options.handover ?? {};
  const unresolved = summary.outcome !== 'opgelost';
  return {
    ...common(messages, summary, options.timeZone),
    staffId: summary.staff.id,
    unresolved: unresolved && !handover.claimed && !handover.handled,
    note: item.note && item.note.length > 0 ? item.note : undefined,
    handover: unresolved ? handoverData(messages, { caseId: summary.caseId, team: item.target.teamId }, handover, options.timeZone) : { unclaimed: messages.handoverUnclaimed, askNote: false, notePlaceholder: messages.handoverNotePlaceholder, actions: [] },
  };
}

function handoverData(messages: Messages, ids: { readonly caseId: string; readonly team: string }, handover: HandoverState, timeZone: string | undefined) {
  const base = { unclaimed: messages.handoverUnclaimed, notePlaceholder: messages.handoverNotePlaceholder };
  const name = (person: { readonly name: string }): string => person.name || messages.unknownStaff;
  if (handover.handled) {
    const { by, at, note } = handover.handled;
    return { ...base, state: fill(messages.handoverHandled, { name: name(by), when: formatWhen(at, timeZone) }), style: 'good', note: note ? fill(messages.handoverHandledNote, { note }) : undefined, askNote: false, actions: [] };
  }
  if (handover.claimed) {
    const { by, at } = handover.claimed;
    return {
      ...base,
      state: fill(handover.continuedAs ? messages.handoverContinued : messages.handoverClaimed, { name: name(by), when: formatWhen(at, timeZone) }),
      style: 'accent',
      askNote: true,
      actions: [
        { title: messages.labelContinue, data: submitData({ action: 'continue', ...ids }) },
        { title: messages.labelHandled, data: submitData({ action: 'handled', ...ids }) },
      ],
    };
  }
  return { ...base, askNote: false, actions: [{ title: messages.labelClaim, data: submitData({ action: 'claim', ...ids }) }] };
}

/** One open case in a list ("open casussen", the daily digest), with its own "Ik pak dit op". */
export function openCaseData(messages: Messages, handover: Pick<Handover, 'caseId' | 'team' | 'summary' | 'note'>, timeZone?: string) {
  const { summary } = handover;
  return {
    flowTitle: summary.flowTitle,
    outcome: messages.endings[summary.outcome],
    staffName: summary.staff.name || messages.unknownStaff,
    when: formatWhen(summary.endedAt, timeZone),
    note: handover.note && handover.note.length > 0 ? handover.note : undefined,
    claimTitle: messages.labelClaim,
    data: submitData({ action: 'claim', caseId: handover.caseId, team: handover.team }),
  };
}
