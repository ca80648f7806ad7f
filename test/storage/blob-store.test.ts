import { BlobsStorage } from 'botbuilder-azure-blobs';
import { describe, expect, inject, it } from 'vitest';
import { BlobStore } from '../../src/storage/blob-store.js';
import type { StoredValue } from '../../src/storage/store.js';
import { StoreSweep } from '../../src/storage/store-sweep.js';
import { summaryRetentionRules } from '../../src/summaries/summary-retention.js';
import { conversationSweepRule } from '../../src/turn/conversation-sweep.js';
import { memoryLogger, silentLogger } from '../support/logs.js';
import { storeContract } from './store-contract.js';

/** The Azurite this test project shares (test/support/global/azurite.ts). */
const connectionString = inject('azuriteConnectionString');
let containers = 0;
/** A container of its own for each test, so tests never see each other's blobs. */
const blob = (name = `blob-${process.pid}-${++containers}`) => new BlobStore(connectionString, name);

storeContract('BlobStore on Azurite', async () => blob());

describe('STORAGE=blob on Azurite', () => {
  it('reads a container botbuilder\'s BlobsStorage wrote, and BlobsStorage reads what it writes (same names, same bodies)', async () => {
    const container = 'blob-compat';
    const old = new BlobsStorage(connectionString, container);
    await old.write({ 'msteams/conversations/a:1/': { turns: { n: 1 } } });
    const store = blob(container);
    expect((await store.read('msteams/conversations/a:1/'))?.value).toEqual({ turns: { n: 1 } });
    await store.write('baliewijzer/case/1', { staff: { name: 'Jeroen Kröller' } });
    expect((await old.read(['baliewijzer/case/1']))['baliewijzer/case/1']).toMatchObject({ staff: { name: 'Jeroen Kröller' } });
  });

  it('is swept like the file store: abandoned conversations, and case records and finished summaries past the retention, go', async () => {
    const store = blob('blob-sweep');
    // The sweep runs "31 days from now": every blob was last written before its cutoff, so the
    // times inside the documents decide.
    const later = new Date(Date.now() + 31 * 86_400_000);
    const before = (hours: number): string => new Date(later.getTime() - hours * 3_600_000).toISOString();
    const items: Record<string, StoredValue> = {
      'baliewijzer/conversations/msteams/abandoned': { turns: { touchedAt: before(25), seen: [] } },
      'baliewijzer/conversations/msteams/active': { turns: { touchedAt: before(1), seen: [] } },
      'baliewijzer/case/old': { endedAt: before(31 * 24), staff: { id: 'u1', name: 'Balie Medewerker' } },
      'baliewijzer/case/recent': { endedAt: before(29 * 24), staff: { id: 'u1', name: 'Balie Medewerker' } },
      'baliewijzer/outbox/sent': { status: 'sent', createdAt: before(40 * 24), sentAt: before(35 * 24) },
      'baliewijzer/outbox/waiting': { status: 'pending', createdAt: before(40 * 24) },
      'baliewijzer/statistics/2026-01-01/x': { v: 1 },
    };
    for (const [key, value] of Object.entries(items)) await store.write(key, value);
    const logs = memoryLogger();
    const sweep = (log = silentLogger()) => new StoreSweep({ store, rules: [conversationSweepRule(24), ...summaryRetentionRules(30)], log, now: () => later });

    expect(await sweep(logs.log).sweepOnce()).toBe(3);
    expect(logs.lines().join('\n')).toContain('"due":{"conversation":1,"case-record":1,"outbox-item":1}');
    const left: string[] = [];
    for await (const item of store.list('baliewijzer/')) left.push(item.key);
    expect(left.sort()).toEqual(['baliewijzer/case/recent', 'baliewijzer/conversations/msteams/active', 'baliewijzer/outbox/waiting', 'baliewijzer/statistics/2026-01-01/x']);
    // A second instance sweeping the same container finds nothing left to do.
    expect(await sweep().sweepOnce()).toBe(0);
  });
});
