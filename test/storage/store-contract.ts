import { describe, expect, it } from 'vitest';
import { EtagConflict, type Store } from '../../src/storage/store.js';

/**
 * What every store promises the bot, run against each implementation: documents by key, an eTag
 * that changes on every write, conditional writes and deletes that refuse a changed item, "create
 * only", and listings by prefix.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: the store contract`, () => {
    it('reads back what it wrote, with an eTag, and nothing for keys it does not have', async () => {
      const store = await open();
      const value = { outcome: 'opgelost', staff: { name: 'Jeroen Kröller' } };
      const eTag = await store.write('baliewijzer/case/1', value);
      // With its JSON text, so a caller comparing versions need not serialise it again.
      expect(await store.read('baliewijzer/case/1')).toEqual({ value, eTag, json: JSON.stringify(value) });
      expect(await store.read('nope')).toBeUndefined();
      const many = await store.readMany(['baliewijzer/case/1', 'nope']);
      expect([...many.keys()]).toEqual(['baliewijzer/case/1']);
    });

    it('stores the JSON a caller already made of the value as it is, without serialising it again', async () => {
      const store = await open();
      const value = { turns: { touchedAt: '2026-03-02T09:00:00.000Z' }, case: { step: 2 } };
      await store.write('baliewijzer/conversations/msteams/c1', value, undefined, JSON.stringify(value));
      const read = await store.read('baliewijzer/conversations/msteams/c1');
      expect(read?.value).toEqual(value);
      expect(read?.json).toBe(JSON.stringify(value));
    });

    it('refuses a write over a version that changed, and accepts the current one', async () => {
      const store = await open();
      const first = await store.write('k', { v: 1 });
      const second = await store.write('k', { v: 2 }, { ifMatch: first });
      expect(second).not.toBe(first);
      await expect(store.write('k', { v: 3 }, { ifMatch: first })).rejects.toBeInstanceOf(EtagConflict);
      expect((await store.read('k'))?.value).toEqual({ v: 2 });
    });

    it('creates only when nothing is stored yet, and lets exactly one of many simultaneous creates win', async () => {
      const store = await open();
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.write('created', { i }, { ifAbsent: true })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof EtagConflict)).toHaveLength(9);
    });

    it('lets exactly one of many simultaneous writes over the same version win', async () => {
      const store = await open();
      const eTag = await store.write('raced', { v: 0 });
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.write('raced', { v: i + 1 }, { ifMatch: eTag })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof EtagConflict)).toHaveLength(9);
    });

    it('refuses a write over a version that was deleted meanwhile', async () => {
      const store = await open();
      const eTag = await store.write('gone', { v: 1 });
      await store.delete('gone');
      await store.delete('never-there');
      await expect(store.write('gone', { v: 2 }, { ifMatch: eTag })).rejects.toBeInstanceOf(EtagConflict);
    });

    it('deletes conditionally only the version that was read', async () => {
      const store = await open();
      const old = await store.write('d', { v: 1 });
      await store.write('d', { v: 2 });
      await expect(store.delete('d', { ifMatch: old })).rejects.toBeInstanceOf(EtagConflict);
      const current = await store.read('d');
      await store.delete('d', { ifMatch: current?.eTag ?? '' });
      expect(await store.read('d')).toBeUndefined();
    });

    it('lists the keys under a prefix, conversation ids with their odd characters included', async () => {
      const store = await open();
      const conversation = 'baliewijzer/conversations/msteams/a:1Zm9v_YmFy-X.y;messageid=12%3';
      await store.write(conversation, { n: 1 });
      await store.write('baliewijzer/statistics/2026-03-02/a', { n: 2 });
      await store.write('baliewijzer/statistics/2026-03-02/b', { n: 3 });
      await store.write('baliewijzer/statistics/2026-03-03/c', { n: 4 });
      const listed = async (prefix: string) => {
        const keys: string[] = [];
        for await (const item of store.list(prefix)) {
          expect(item.modifiedAt).toBeInstanceOf(Date);
          keys.push(item.key);
        }
        return keys.sort();
      };
      expect(await listed('baliewijzer/statistics/2026-03-02/')).toEqual(['baliewijzer/statistics/2026-03-02/a', 'baliewijzer/statistics/2026-03-02/b']);
      expect(await listed('baliewijzer/conversations/')).toEqual([conversation]);
      expect(await listed('baliewijzer/outbox/')).toEqual([]);
    });
  });
}
