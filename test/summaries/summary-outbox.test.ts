import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { OUTBOX_ITEM_PREFIX, SummaryOutbox, type OutboxItem } from '../../src/summaries/summary-outbox.js';
import { outboxItem, reference, T0 } from '../support/outbox-item.js';

const later = (ms: number): Date => new Date(T0.getTime() + ms);
const item = (id: string): OutboxItem => outboxItem(id, { outcome: 'niet-opgelost', answer: 'Geen rechten' });

describe('the summary outbox', () => {
  it('queues a case once: a second share of the same case finds the first', async () => {
    const outbox = new SummaryOutbox(new MemoryStore());
    expect((await outbox.enqueue(item('case-1'))).created).toBe(true);
    expect((await outbox.enqueue(item('case-1'))).created).toBe(false);
    expect((await outbox.due(T0)).due.map((i) => i.id)).toEqual(['case-1']);
  });

  it('lets one of two instances claim an item; the other gets nothing', async () => {
    const store = new MemoryStore();
    await new SummaryOutbox(store).enqueue(item('case-1'));
    const [a, b] = await Promise.all([new SummaryOutbox(store).claim('case-1', T0, 60_000), new SummaryOutbox(store).claim('case-1', T0, 60_000)]);
    expect([a, b].filter((c) => c !== undefined)).toHaveLength(1);
    expect((await new SummaryOutbox(store).get('case-1'))?.status).toBe('sending');
  });

  it('gives a claimed item to another instance only once its lease ran out, and then the first cannot write over it', async () => {
    const store = new MemoryStore();
    const first = new SummaryOutbox(store);
    const second = new SummaryOutbox(store);
    await first.enqueue(item('case-1'));
    const claimed = await first.claim('case-1', T0, 60_000);
    if (!claimed) throw new Error('not claimed');
    expect((await second.due(later(59_000))).due).toEqual([]);
    expect((await second.due(later(60_000))).due.map((i) => i.id)).toEqual(['case-1']);
    const takenOver = await second.claim('case-1', later(60_000), 60_000);
    expect(takenOver?.item.attempts).toBe(2);
    // The first instance's late failure is not written over the second's claim.
    expect(await first.reschedule(claimed, later(70_000), { code: 'no-connection' })).toBeUndefined();
    expect((await second.get('case-1'))?.status).toBe('sending');
  });

  it('records a post once sent, even after its lease ran out: a sent summary is never sent again', async () => {
    const store = new MemoryStore();
    const outbox = new SummaryOutbox(store);
    await outbox.enqueue(item('case-1'));
    const claimed = await outbox.claim('case-1', T0, 60_000);
    if (!claimed) throw new Error('not claimed');
    await outbox.markSent(claimed, later(90_000), { conversationId: 'thread-1' });
    expect((await outbox.get('case-1'))?.status).toBe('sent');
    expect((await outbox.due(later(200_000))).due).toEqual([]);
    expect(await outbox.claim('case-1', later(200_000), 60_000)).toBeUndefined();
  });

  it('sets an item that no longer parses aside as failed, and still tells where its card is', async () => {
    const store = new MemoryStore();
    const outbox = new SummaryOutbox(store);
    await outbox.enqueue(item('case-1'));
    const stored = await store.read(`${OUTBOX_ITEM_PREFIX}case-1`);
    await store.write(`${OUTBOX_ITEM_PREFIX}case-1`, { ...stored?.value, note: 'x'.repeat(5_000) });
    expect(await outbox.due(T0)).toEqual({ due: [], unreadable: ['case-1'] });
    expect(await outbox.setAsideUnreadable('case-1')).toEqual({ reference, cardId: 'card-1' });
    expect(await outbox.due(T0)).toEqual({ due: [], unreadable: [] });
    expect((await store.read(`${OUTBOX_ITEM_PREFIX}case-1`))?.value).toMatchObject({ status: 'failed', lastFailure: { code: 'unreadable' } });
  });
});

describe('the summary outbox with two workers', () => {
  it('lets an instance that listed an item as due not claim it once another has claimed it meanwhile (no second post)', async () => {
    const store = new MemoryStore();
    const a = new SummaryOutbox(store);
    const b = new SummaryOutbox(store);
    await a.enqueue(item('case-1'));
    // Both see it due; a claims it first; b's claim must not take it over while a's lease runs.
    expect((await b.due(T0)).due.map((i) => i.id)).toEqual(['case-1']);
    expect(await a.claim('case-1', T0, 60_000)).toBeDefined();
    expect(await b.claim('case-1', T0, 60_000)).toBeUndefined();
  });
});
