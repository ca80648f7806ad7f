import { endingView } from '../cards/ending-view.js';
import type { Messages } from '../cards/messages.js';
import { fill } from '../cards/messages.js';
import { submitData, type Submit } from '../cards/submit-schema.js';
import { formatDuration, formatWhen } from '../cards/format.js';
import type { CaseSummary } from './case-summary.js';
import type { PostFailure } from './retry-policy.js';
import type { OutboxItem } from './summary-outbox.js';
import type { TeamRecord } from './team-registry.js';

/** Data shared by the staff member's summary card and the channel post. */
function common(messages: Messages, summary: CaseSummary) {
  return {
    flowTitle: summary.flowTitle,
    flowVersion: summary.flowVersion,
    outcome: endingView(messages, summary.outcome),
    steps: summary.steps.map((s, i) => ({ number: i + 1, title: s.title, answer: s.answer })),
    endTitle: summary.endTitle,
    when: formatWhen(summary.endedAt),
    duration: formatDuration(summary.startedAt, summary.endedAt),
    staffName: summary.staff.name || messages.unknownStaff,
  };
}

export function channelLabel(messages: Messages, target: { teamName?: string; channelName?: string } | undefined): string {
  if (!target) return messages.channelFallback;
  if (target.teamName && target.channelName) return `${target.teamName} › ${target.channelName}`;
  return target.teamName ?? target.channelName ?? messages.channelFallback;
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
  options: { readonly teams: ReadonlyArray<Pick<TeamRecord, 'teamId' | 'teamName'>>; readonly item?: ShareState },
) {
  const { item } = options;
  const shareable = item === undefined || item.status === 'failed';
  const actions: Array<{ title: string; data: Submit }> = [];
  // Names whose case it is, so in a group chat or channel a colleague's click is refused.
  const owner = { id: summary.staff.id, name: summary.staff.name };
  if (shareable) actions.push({ title: item ? messages.labelShareAgain : messages.labelShare, data: submitData({ action: 'share', caseId: summary.caseId, owner }) });
  actions.push({ title: messages.labelNewCase, data: submitData({ action: 'menu' }) });
  return {
    ...common(messages, summary),
    shareable,
    teams: options.teams.map((t) => ({ title: t.teamName ?? t.teamId, value: t.teamId })),
    defaultTeam: '',
    status: item ? shareStatus(messages, item) : undefined,
    actions,
  };
}

/** The channel post: the summary, the staff member @mentioned, the (masked) note. */
export function channelSummaryData(messages: Messages, item: OutboxItem) {
  return {
    ...common(messages, item.summary),
    staffId: item.summary.staff.id,
    unresolved: item.summary.outcome !== 'opgelost',
    note: item.note && item.note.length > 0 ? item.note : undefined,
  };
}
