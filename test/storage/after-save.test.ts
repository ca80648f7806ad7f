import { TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { AfterSave } from '../../src/storage/after-save.js';
import { memoryLogger } from '../support/logs.js';

const newContext = (): TurnContext => new TurnContext(new TestAdapter(), { type: 'message', text: 'x', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } });

describe('AfterSave: writes that wait for the saved turn', () => {
  it('runs nothing until run(), then every effect once, in order', async () => {
    const context = newContext();
    const queue = AfterSave.attach(context, memoryLogger().log);
    const done: string[] = [];
    AfterSave.defer(context, async () => void done.push('record'));
    AfterSave.defer(context, async () => void done.push('statistics'));
    expect(done).toEqual([]);
    await queue.run();
    await queue.run();
    expect(done).toEqual(['record', 'statistics']);
  });

  it('drops what a losing attempt deferred', async () => {
    const context = newContext();
    const queue = AfterSave.attach(context, memoryLogger().log);
    const done: string[] = [];
    AfterSave.defer(context, async () => void done.push('loser'));
    queue.discard();
    AfterSave.defer(context, async () => void done.push('winner'));
    await queue.run();
    expect(done).toEqual(['winner']);
  });

  it('tries a failing write three times, logs it without the error turning into a crash, and still runs the next one', async () => {
    const context = newContext();
    const logs = memoryLogger();
    const queue = AfterSave.attach(context, logs.log);
    let tries = 0;
    const done: string[] = [];
    AfterSave.defer(context, async () => {
      tries += 1;
      throw new Error('storage down');
    });
    AfterSave.defer(context, async () => void done.push('statistics'));
    await queue.run();
    expect(tries).toBe(3);
    expect(done).toEqual(['statistics']);
    const failed = logs.lines().map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'turn.after-save-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 3, err: 'storage down' });
  });

  it('a write that fails once and then succeeds is not logged as failed', async () => {
    const context = newContext();
    const logs = memoryLogger();
    const queue = AfterSave.attach(context, logs.log);
    let tries = 0;
    AfterSave.defer(context, async () => {
      tries += 1;
      if (tries === 1) throw new Error('hiccup');
    });
    await queue.run();
    expect(tries).toBe(2);
    expect(logs.lines().filter((l) => l.includes('turn.after-save-failed'))).toEqual([]);
  });

  it('refuses a deferred write in a turn nobody guards, instead of silently dropping it', () => {
    expect(() => AfterSave.defer(newContext(), async () => undefined)).toThrow(/outside a guarded turn/);
  });
});
