import type { Messages } from '../cards/messages.js';
import { fill } from '../cards/messages.js';
import { outcomeLabel } from '../cards/step-card.js';
import { submitData, type Submit } from '../cards/submit-schema.js';
import { formatDuration, formatWhen, type CaseSummary, type SummaryOutcome } from './case-summary.js';
import type { OutboxItem } from './summary-outbox.js';
import type { TeamRecord } from './team-registry.js';

const OUTCOME_STYLE: Record<SummaryOutcome, 'good' | 'attention' | 'warning' | 'emphasis'> = {
  opgelost: 'good',
  'niet-opgelost': 'attention',
  doorverwijzen: 'warning',
  gestopt: 'emphasis',
};

/** Summary labels use "Doorverwezen" for a finished referral, as a colleague reads it afterwards. */
function summaryOutcomeLabel(messages: Messages, outcome: SummaryOutcome): string {
  if (outcome === 'gestopt') return messages.outcomeGestopt;
  if (outcome === 'doorverwijzen') return 'Doorverwezen';
  return outcomeLabel(messages, outcome);
}

/** Data shared by the staff member's summary card and the channel post. */
function common(messages: Messages, summary: CaseSummary) {
  return {
    flowTitle: summary.flowTitle,
    flowVersion: summary.flowVersion,
    outcome: { label: summaryOutcomeLabel(messages, summary.outcome), style: OUTCOME_STYLE[summary.outcome] },
    steps: summary.steps.map((s, i) => ({ number: i + 1, title: s.title, answer: s.answer })),
    endTitle: summary.endTitle,
    when: formatWhen(summary.endedAt),
    duration: formatDuration(summary.startedAt, summary.endedAt),
    staffName: summary.staff.name || 'onbekend',
  };
}

export function channelLabel(messages: Messages, target: { teamName?: string; channelName?: string } | undefined): string {
  if (!target) return messages.channelFallback;
  if (target.teamName && target.channelName) return `${target.teamName} › ${target.channelName}`;
  return target.teamName ?? target.channelName ?? messages.channelFallback;
}

/** The share state as the staff member sees it on their summary card. */
export function shareStatus(messages: Messages, item: OutboxItem): { text: string; style: string } {
  const channel = channelLabel(messages, item.target);
  switch (item.status) {
    case 'pending':
      return item.attempts === 0
        ? { text: fill(messages.shareQueued, { channel }), style: 'emphasis' }
        : { text: fill(messages.shareRetrying, { reason: item.lastError ?? '?', attempt: item.attempts + 1 }), style: 'warning' };
    case 'sending':
      return { text: fill(messages.shareQueued, { channel }), style: 'emphasis' };
    case 'sent':
      return { text: fill(messages.shareSent, { channel }), style: 'good' };
    case 'failed':
      return { text: fill(messages.shareFailed, { reason: item.lastError ?? '?' }), style: 'attention' };
  }
}

/** The staff member's summary card: shareable (note field, team choice, buttons) or showing its share state. */
export function staffSummaryData(
  messages: Messages,
  summary: CaseSummary,
  options: { readonly teams: readonly TeamRecord[]; readonly item?: OutboxItem },
) {
  const { item } = options;
  const shareable = item === undefined || item.status === 'failed';
  const actions: Array<{ title: string; data: Submit }> = [];
  if (shareable) actions.push({ title: item ? messages.labelShareAgain : messages.labelShare, data: submitData({ action: 'share', caseId: summary.caseId }) });
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
