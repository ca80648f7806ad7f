import { describe, expect, it } from 'vitest';
import { ConversationPacer } from '../../src/turn/conversation-pacer.js';

/** A pacer on a fake clock: sleeping moves the clock, so the test shows when each message may go. */
function pacedClock(maxConversations?: number) {
  let now = 0;
  const pacer = new ConversationPacer({
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    maxConversations,
  });
  const sendTimes = async (conversation: string, count: number): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      await pacer.acquire(conversation);
      times.push(now);
    }
    return times;
  };
  return { pacer, sendTimes, advance: (ms: number) => (now += ms) };
}

/** The most messages in any `ms`-long stretch. */
const busiest = (times: readonly number[], ms: number): number => Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + ms).length));

describe("ConversationPacer: the bot's messages per conversation within Teams' limits", () => {
  it('lets 7 messages go at once, holds the 8th for a second and the 9th until the 2-second window has room', async () => {
    const { sendTimes } = pacedClock();
    const times = await sendTimes('c', 10);
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times[7]).toBe(1000);
    expect(times[8]).toBe(2000);
    expect(times[9]).toBe(2000);
  });

  it('never has more than 7 in a second, 8 in 2 seconds or 60 in 30 seconds, however many are sent', async () => {
    const { sendTimes } = pacedClock();
    const times = await sendTimes('c', 150);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(7);
    expect(busiest(times, 2000)).toBeLessThanOrEqual(8);
    expect(busiest(times, 30_000)).toBeLessThanOrEqual(60);
    // And no slower than the limits require: 150 messages need 60-per-30-s windows, so about 60 s.
    expect(times.at(-1)).toBeLessThan(75_000);
  });

  it('paces each conversation on its own', async () => {
    const { sendTimes } = pacedClock();
    await sendTimes('a', 7);
    expect(await sendTimes('b', 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('does not hold a message once the window has passed', async () => {
    const { sendTimes, advance } = pacedClock();
    await sendTimes('c', 7);
    advance(1000);
    expect(await sendTimes('c', 1)).toEqual([1000]);
  });

  it('forgets the least recently used conversations beyond its bound', async () => {
    const { pacer, sendTimes } = pacedClock(100);
    for (let i = 0; i < 250; i++) await sendTimes(`c${i}`, 1);
    expect(pacer.size).toBe(100);
  });
});
