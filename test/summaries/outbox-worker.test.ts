import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { OutboxWorker } from '../../src/summaries/outbox-worker.js';
import { SummaryOutbox, type OutboxItem } from '../../src/summaries/summary-outbox.js';
import { silentLogger } from '../support/logs.js';
import { outboxItem, T0 } from '../support/outbox-item.js';

const item = (id: string): OutboxItem => outboxItem(id);

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
