import { TestAdapter, TurnContext } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { describe, expect, inject, it } from 'vitest';
import { createStorage } from '../../src/storage/create-storage.js';
import { isETagConflict } from '../../src/storage/etag-conflict.js';
import { ConversationConflictError, ETagConversationState } from '../../src/storage/etag-conversation-state.js';
import { BlobSweeper } from '../../src/storage/blob-sweeper.js';
import { ExpiredStateSweep } from '../../src/storage/expired-state-sweep.js';
import { memoryLogger, silentLogger } from '../support/logs.js';

/** The Azurite this test project shares (test/support/global/azurite.ts). */
const azurite = { connectionString: inject('azuriteConnectionString') };

const blob = (container: string) =>
  createStorage({ STORAGE: 'blob', STORAGE_DIR: '.data', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: container }, silentLogger());

describe('STORAGE=blob on Azurite', () => {
  it("is Microsoft's BlobsStorage, creates its container, and reads back what it wrote with an eTag", async () => {
    const storage = blob('blob-roundtrip');
    expect(storage).toBeInstanceOf(BlobsStorage);
    await storage.write({ 'msteams/conversations/a:1/': { turns: { n: 1 } } });
    expect(await storage.read(['msteams/conversations/a:1/', 'absent'])).toEqual({ 'msteams/conversations/a:1/': { turns: { n: 1 }, eTag: expect.any(String) } });
  });

  it('refuses a stale eTag with an error the bot recognises as a conflict', async () => {
    const storage = blob('blob-etag');
    await storage.write({ k: { v: 1 } });
    const eTag = (await storage.read(['k'])).k?.eTag;
    await storage.write({ k: { v: 2, eTag } });
    const stale = await storage.write({ k: { v: 3, eTag } }).then(() => undefined, (error: unknown) => error);
    expect(isETagConflict(stale)).toBe(true);
    expect((await storage.read(['k'])).k).toMatchObject({ v: 2 });
  });

  it('turns a lost race between two turns into ConversationConflictError', async () => {
    const state = new ETagConversationState(blob('blob-state'));
    const step = state.createProperty<number>('step');
    const adapter = new TestAdapter();
    const turn = () => new TurnContext(adapter, { type: 'message', channelId: 'msteams', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } });
    const seed = turn();
    await step.set(seed, 1);
    await state.saveChanges(seed);
    const [x, y] = [turn(), turn()];
    await step.get(x);
    await step.get(y);
    await step.set(x, 2);
    await step.set(y, 3);
    await state.saveChanges(x);
    await expect(state.saveChanges(y)).rejects.toBeInstanceOf(ConversationConflictError);
    expect(await step.get(turn())).toBe(2);
  });

  it('is swept like the file store: abandoned conversations, and case records and finished summaries past the retention, go', async () => {
    const storage = blob('blob-sweep');
    // The sweep runs "31 days from now": every blob was last written before its cutoff, so the
    // times inside the documents decide, as they do for the file store.
    const later = new Date(Date.now() + 31 * 86_400_000);
    const before = (hours: number): string => new Date(later.getTime() - hours * 3_600_000).toISOString();
    const touched = (hours: number) => ({ turns: { touchedAt: before(hours), seen: [] } });
    await storage.write({
      'msteams/conversations/abandoned/': touched(25),
      'msteams/conversations/active/': touched(1),
      'baliewijzer/case/old': { endedAt: before(31 * 24), staff: { id: 'u1', name: 'Balie Medewerker' } },
      'baliewijzer/case/recent': { endedAt: before(29 * 24), staff: { id: 'u1', name: 'Balie Medewerker' } },
      'baliewijzer/outbox/sent': { status: 'sent', createdAt: before(40 * 24), sentAt: before(35 * 24) },
      'baliewijzer/outbox/waiting': { status: 'pending', createdAt: before(40 * 24) },
      'baliewijzer/statistics/2026-01-01/00': { records: {} },
    });
    const logs = memoryLogger();
    const sweep = new ExpiredStateSweep({ target: BlobSweeper.connect(azurite.connectionString, 'blob-sweep'), caseTtlHours: 24, recordRetentionDays: 30, log: logs.log, now: () => later });

    expect(await sweep.sweepOnce()).toBe(3);
    expect(logs.lines().join('\n')).toContain('"due":{"conversation":1,"case-record":1,"outbox-item":1}');
    const keys = ['msteams/conversations/abandoned/', 'msteams/conversations/active/', 'baliewijzer/case/old', 'baliewijzer/case/recent', 'baliewijzer/outbox/sent', 'baliewijzer/outbox/waiting', 'baliewijzer/statistics/2026-01-01/00'];
    expect(Object.keys(await storage.read(keys)).sort()).toEqual(['baliewijzer/case/recent', 'baliewijzer/outbox/waiting', 'baliewijzer/statistics/2026-01-01/00', 'msteams/conversations/active/']);
    // A second instance sweeping the same container finds nothing left to do.
    expect(await new ExpiredStateSweep({ target: BlobSweeper.connect(azurite.connectionString, 'blob-sweep'), caseTtlHours: 24, recordRetentionDays: 30, log: silentLogger(), now: () => later }).sweepOnce()).toBe(0);
  });

  it('leaves everything alone while nothing is past its time', async () => {
    const storage = blob('blob-sweep-young');
    await storage.write({ 'msteams/conversations/c/': { turns: { touchedAt: new Date().toISOString(), seen: [] } }, 'baliewijzer/case/x': { endedAt: new Date().toISOString() } });
    const sweep = new ExpiredStateSweep({ target: BlobSweeper.connect(azurite.connectionString, 'blob-sweep-young'), caseTtlHours: 24, recordRetentionDays: 30, log: silentLogger() });
    expect(await sweep.sweepOnce()).toBe(0);
    expect(Object.keys(await storage.read(['msteams/conversations/c/', 'baliewijzer/case/x']))).toHaveLength(2);
  });
});
