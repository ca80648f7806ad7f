import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryStore } from '../../src/storage/memory-store.js';
import type { StoredValue, WriteCondition } from '../../src/storage/store.js';
import { ConversationState } from '../../src/turn/conversation-state.js';
import { TurnPipeline } from '../../src/turn/turn-pipeline.js';
import { memoryLogger } from '../support/logs.js';

const CLICK_PROCESSED = 'Deze klik is al verwerkt.';
const CLICK_ANSWERED = 'Verwerkt.';
const T0 = new Date('2026-11-23T09:00:00Z');

/** A tiny reply codec: an activity may carry a name (`card:<name>`), rendered back as that text. */
const intentSchema = z.strictObject({ card: z.string() });
const NAME = Symbol('test.intent');
const named = (card: string): Partial<Activity> => Object.defineProperty({ type: ActivityTypes.Message, text: `kaart ${card}` }, NAME, { value: { card }, enumerable: true });

/** The Bot Connector as a test sees it: what went out, and what the store held at that moment; it can be made to fail. */
class RecordingAdapter extends TestAdapter {
  failing = false;
  readonly moments: string[] = [];
  constructor(private readonly store: MemoryStore) {
    super();
  }
  override async sendActivities(context: TurnContext, activities: Array<Partial<Activity>>) {
    if (this.failing) throw new Error('connector down');
    const stored = (await this.store.read('baliewijzer/conversations/msteams/c'))?.value.counter;
    this.moments.push(...activities.map((a) => `sent ${a.text ?? ''} (stored counter: ${JSON.stringify(stored)})`));
    return super.sendActivities(context, activities);
  }
}

function setup(store = new MemoryStore()) {
  const logs = memoryLogger();
  const state = new ConversationState(store);
  const counter = state.property('counter', z.number());
  const effects: string[] = [];
  const pipeline = new TurnPipeline<string, z.infer<typeof intentSchema>>({
    state,
    replies: { schema: intentSchema, intentOf: (a) => intentSchema.safeParse(Reflect.get(a, NAME)).data, render: async (i) => ({ type: ActivityTypes.Message, text: `kaart ${i.card}` }) },
    effectSchema: z.string(),
    runEffect: async (effect) => {
      if (effect === 'kapot') throw new Error('storage down');
      effects.push(effect);
    },
    clickProcessed: CLICK_PROCESSED,
    clickAnswered: CLICK_ANSWERED,
    now: () => T0,
    log: logs.log,
  });
  const adapter = new RecordingAdapter(store);
  const sent = (): string[] => adapter.activeQueue.splice(0).map((a) => a.text ?? '');
  const context = (fields: Partial<Activity> = {}) =>
    new TurnContext(adapter, { type: 'message', id: 'act-1', channelId: 'msteams', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' }, ...fields });
  /** One turn that adds one to the counter and says the new value. */
  const increment = (ctx: TurnContext, extra?: (ctx: TurnContext) => Promise<void>) =>
    pipeline.run(ctx, undefined, async () => {
      const next = (await counter.get(ctx, 0)) + 1;
      await counter.set(ctx, next);
      await ctx.sendActivity(`teller ${next}`);
      await extra?.(ctx);
    });
  return { store, pipeline, counter, effects, logs, sent, context, increment, adapter };
}

describe('the turn pipeline', () => {
  it('holds the replies until the state is saved, and carries out deferred effects after the save, before the replies', async () => {
    const { pipeline, effects, sent, context, counter, adapter } = setup();
    const ctx = context();
    await pipeline.run(ctx, undefined, async () => {
      await ctx.sendActivity('voor de save');
      pipeline.defer(ctx, 'record');
      await counter.set(ctx, 1);
      adapter.moments.push(`end of the turn's work, effects carried out: ${effects.length}`);
    });
    expect(adapter.moments).toEqual(["end of the turn's work, effects carried out: 0", 'sent voor de save (stored counter: 1)']);
    expect(effects).toEqual(['record']);
    expect(sent()).toEqual(['voor de save']);
  });

  it("runs a turn that lost the eTag race again on the winner's state, and sends only what that run says", async () => {
    const { increment, sent, context, store } = setup();
    await increment(context({ id: 'first' }));
    sent();
    // Another instance writes between this turn's read and its save, once.
    let raced = false;
    const write = store.write.bind(store);
    store.write = async (key: string, value: StoredValue, condition?: WriteCondition) => {
      if (!raced) {
        raced = true;
        const current = await store.read(key);
        await write(key, { ...current?.value, counter: 5 }, current && { ifMatch: current.eTag });
      }
      return write(key, value, condition);
    };
    await increment(context({ id: 'second' }));
    expect(sent()).toEqual(['teller 6']);
  });

  it('answers a repeated click "Deze klik is al verwerkt." and writes nothing', async () => {
    const { pipeline, counter, sent, context, store } = setup();
    const click = 'card-1|answer-nee';
    const turn = (id: string) => {
      const ctx = context({ id });
      return pipeline.run(ctx, click, async () => counter.set(ctx, ((await counter.get(ctx, 0)) ?? 0) + 1));
    };
    await turn('click-1');
    const before = await store.read('baliewijzer/conversations/msteams/c');
    await turn('click-2');
    expect(sent()).toEqual([CLICK_PROCESSED]);
    expect((await store.read('baliewijzer/conversations/msteams/c'))?.eTag).toBe(before?.eTag);
  });

  it('writes nothing for a turn that changed nothing', async () => {
    const { pipeline, sent, context, store } = setup();
    const ctx = context();
    await pipeline.run(ctx, undefined, async () => void (await ctx.sendActivity('hallo')));
    expect(sent()).toEqual(['hallo']);
    expect(await store.read('baliewijzer/conversations/msteams/c')).toBeUndefined();
  });

  it('logs an effect that fails after the save, and still runs the next effects and sends the replies', async () => {
    const { pipeline, effects, sent, context, logs, counter } = setup();
    const ctx = context();
    await pipeline.run(ctx, undefined, async () => {
      await counter.set(ctx, 1);
      pipeline.defer(ctx, 'kapot');
      pipeline.defer(ctx, 'statistics');
      await ctx.sendActivity('klaar');
    });
    expect(effects).toEqual(['statistics']);
    expect(sent()).toEqual(['klaar']);
    expect(logs.lines().join('\n')).toContain('"event":"turn.effect-failed"');
  });

  it("delivers a saved turn's replies and effects when Teams re-sends its activity after the sending failed, and only once", async () => {
    const crashed = setup();
    crashed.adapter.failing = true;
    await expect(
      crashed.increment(crashed.context({ id: 'resent' }), async (ctx) => {
        crashed.pipeline.defer(ctx, 'record');
        await ctx.sendActivity(named('menu'));
      }),
    ).rejects.toThrow('connector down');
    expect(crashed.sent()).toEqual([]);

    // A new instance on the same storage (no memory of what was delivered) gets the re-sent activity.
    const restarted = setup(crashed.store);
    await restarted.increment(restarted.context({ id: 'resent' }));
    expect(restarted.sent()).toEqual(['teller 1', 'kaart menu']);
    expect(restarted.effects).toEqual(['record']);
    // The same activity once more: already delivered, answered with nothing; the counter did not move.
    await restarted.increment(restarted.context({ id: 'resent' }));
    expect(restarted.sent()).toEqual([]);
    const reader = restarted.context({ id: 'reader' });
    await restarted.increment(reader);
    expect(restarted.sent()).toEqual(['teller 2']);
  });

  describe('answering an Action.Execute click (adaptiveCard/action) in the HTTP response', () => {
    const click = { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1' } as const;
    /** What the adapter would answer the HTTP request with, and the rest that went to the connector. */
    const split = (activities: Array<Partial<Activity>>) => ({
      answer: activities.filter((a) => a.type === 'invokeResponse').map((a) => a.value as { status: number; body: { type: string; value: unknown } }),
      rest: activities.filter((a) => a.type !== 'invokeResponse').map((a) => a.text ?? `update ${a.id ?? ''}`),
    });

    it('answers with the clicked card as the turn updated it, once the state is saved, and still updates it for everyone', async () => {
      const { pipeline, counter, adapter, context } = setup();
      const ctx = context({ ...click, id: 'invoke-1' });
      const updated: string[] = [];
      adapter.updateActivity = async (_ctx, activity) => void updated.push(activity.id ?? '');
      await pipeline.run(ctx, undefined, async () => {
        await counter.set(ctx, 1);
        await ctx.updateActivity({ type: 'message', id: 'card-1', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5' } }] });
        await ctx.sendActivity('volgende stap');
      });
      const { answer, rest } = split(adapter.activeQueue.splice(0));
      expect(answer).toEqual([{ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard', version: '1.5' } } }]);
      expect(rest).toEqual(['volgende stap']);
      expect(updated).toEqual(['card-1']);
    });

    it('answers with what the turn said to the one who clicked; on a client without Universal Actions that is a message', async () => {
      const { pipeline, adapter, context } = setup();
      const invoke = context({ ...click, id: 'invoke-2' });
      await pipeline.run(invoke, undefined, () => pipeline.answer(invoke, { type: 'message', text: 'Deze casus is van Balie Medewerker.' }));
      expect(split(adapter.activeQueue.splice(0))).toEqual({ answer: [{ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Deze casus is van Balie Medewerker.' } }], rest: [] });
      const submit = context({ id: 'message-2', value: {} });
      await pipeline.run(submit, undefined, () => pipeline.answer(submit, { type: 'message', text: 'Deze casus is van Balie Medewerker.' }));
      expect(split(adapter.activeQueue.splice(0))).toEqual({ answer: [], rest: ['Deze casus is van Balie Medewerker.'] });
    });

    it('answers a click whose turn said nothing to it with a short text, never with an empty body', async () => {
      const { pipeline, adapter, context } = setup();
      const ctx = context({ ...click, id: 'invoke-3' });
      await pipeline.run(ctx, undefined, async () => void (await ctx.sendActivity('het menu')));
      expect(split(adapter.activeQueue.splice(0))).toEqual({ answer: [{ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: CLICK_ANSWERED } }], rest: ['het menu'] });
    });

    it('gives a click Teams sends again after a crash the same answer, from the replies kept with the saved turn', async () => {
      const crashed = setup();
      crashed.adapter.failing = true;
      const first = crashed.context({ ...click, id: 'invoke-4' });
      const answerWithCard = async () => {
        await crashed.counter.set(first, 1);
        await crashed.pipeline.answer(first, named('gesloten'));
      };
      await expect(crashed.pipeline.run(first, undefined, answerWithCard)).rejects.toThrow('connector down');

      const restarted = setup(crashed.store);
      await restarted.pipeline.run(restarted.context({ ...click, id: 'invoke-4' }), undefined, async () => {
        throw new Error('a re-sent activity is not run again');
      });
      expect(split(restarted.adapter.activeQueue.splice(0)).answer.map((a) => a.body.value)).toEqual(['kaart gesloten']);
      // Once more: delivered by now, so nothing else goes out, but Teams still gets its answer.
      await restarted.pipeline.run(restarted.context({ ...click, id: 'invoke-4' }), undefined, async () => undefined);
      expect(split(restarted.adapter.activeQueue.splice(0))).toEqual({ answer: [{ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'kaart gesloten' } }], rest: [] });
    });
  });

  it('refuses an effect deferred outside a turn of the pipeline, instead of silently dropping it', () => {
    const { pipeline, context } = setup();
    expect(() => pipeline.defer(context(), 'record')).toThrow(/outside a turn/);
  });
});
