import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { OutboxWorker } from '../../src/summaries/outbox-worker.js';
import { SummaryOutbox, type OutboxItem } from '../../src/summaries/summary-outbox.js';
import { silentLogger } from '../support/logs.js';

const T0 = new Date('2026-03-02T09:00:00Z');
const reference = { serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams', conversation: { id: 'a:1' }, bot: { id: 'bot-1' } };

function item(id: string): OutboxItem {
  return {
    id,
    summary: {
      caseId: id,
      conversationId: 'a:1',
      flowId: 'proef',
      flowTitle: 'Proefflow',
      flowVersion: 1,
      outcome: 'opgelost',
      steps: [{ title: 'Eerste vraag', answer: 'Rechten aanwezig' }],
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

describe('the outbox worker', () => {
  it('13.9 posts a summary queued while another post hangs, without waiting for the hung one', async () => {
    const outbox = new SummaryOutbox(new MemoryStore());
    const posted: string[] = [];
    let releaseHung: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => (releaseHung = resolve));
    const worker = new OutboxWorker({
      outbox,
      log: silentLogger(),
      now: () => T0,
      poster: {
        post: async (queued) => {
          if (queued.id === 'case-hangs') await hung;
          posted.push(queued.id);
          return { conversationId: `thread-${queued.id}` };
        },
      },
      notifier: { notify: async () => undefined, notifyUnreadable: async () => undefined },
    });
    await outbox.enqueue(item('case-hangs'));
    worker.kick();
    await expect.poll(async () => (await outbox.get('case-hangs'))?.status).toBe('sending');

    await outbox.enqueue(item('case-next'));
    worker.kick();
    await expect.poll(() => posted).toEqual(['case-next']);
    expect((await outbox.get('case-next'))?.status).toBe('sent');

    releaseHung();
    await worker.stop();
    expect(posted).toEqual(['case-next', 'case-hangs']);
    expect((await outbox.get('case-hangs'))?.status).toBe('sent');
  });
});
