import { TestAdapter, TurnContext } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/create-storage.js';
import { isETagConflict } from '../../src/storage/etag-conflict.js';
import { ConversationConflictError, ETagConversationState } from '../../src/storage/etag-conversation-state.js';
import { startAzurite, type RunningAzurite } from '../support/azurite.js';
import { silentLogger } from '../support/logs.js';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);
afterAll(async () => {
  await azurite?.stop();
});

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
});
