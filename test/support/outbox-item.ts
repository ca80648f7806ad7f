import type { OutboxItem } from '../../src/summaries/summary-outbox.js';

/** When the example items were made and are due. */
export const T0 = new Date('2026-03-02T09:00:00Z');

/** The staff member's personal chat, as the outbox keeps it to update their summary card. */
export const reference = { serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams', conversation: { id: 'a:1' }, bot: { id: 'bot-1' } };

/** A pending summary of a one-step "Proefflow" case, due at T0, for the team's channel. */
export function outboxItem(id: string, ending: { readonly outcome: 'opgelost' | 'niet-opgelost'; readonly answer: string } = { outcome: 'opgelost', answer: 'Rechten aanwezig' }): OutboxItem {
  return {
    id,
    summary: {
      caseId: id,
      conversationId: 'a:1',
      flowId: 'proef',
      flowTitle: 'Proefflow',
      flowVersion: 1,
      outcome: ending.outcome,
      steps: [{ title: 'Eerste vraag', answer: ending.answer }],
      startedAt: T0.toISOString(),
      endedAt: T0.toISOString(),
      staff: { id: 'staff-1', name: 'Balie Medewerker' },
    },
    target: { teamId: 'team-1', channelId: 'channel-1', reference },
    origin: { reference, cardId: 'card-1' },
    status: 'pending',
    attempts: 0,
    createdAt: T0.toISOString(),
    nextAttemptAt: T0.toISOString(),
  };
}
