import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { TeamRegistry } from '../../src/summaries/team-registry.js';

const now = new Date('2026-03-02T09:00:00Z');
const reference = { serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams', conversation: { id: '19:general@thread.tacv2' }, bot: { id: 'bot-1' } };

describe('the team registry', () => {
  it('remembers a team with its General channel for summaries, until "samenvattingen hier" picks another', async () => {
    const registry = new TeamRegistry(new MemoryStore());
    await registry.add({ teamId: 'team-1', teamName: 'Balieteam Assen', reference, now });
    expect(await registry.get('team-1')).toMatchObject({ summaryChannelId: 'team-1', teamName: 'Balieteam Assen' });
    expect(await registry.setSummaryChannel('team-1', 'channel-2', 'Casussen')).toBe(true);
    await registry.add({ teamId: 'team-1', reference, now });
    expect(await registry.get('team-1')).toMatchObject({ summaryChannelId: 'channel-2', summaryChannelName: 'Casussen', teamName: 'Balieteam Assen' });
    expect(await registry.setSummaryChannel('unknown', 'c', 'x')).toBe(false);
  });

  it('keeps every team when ten instances add teams at the same moment', async () => {
    const store = new MemoryStore();
    await Promise.all(Array.from({ length: 10 }, (_, i) => new TeamRegistry(store).add({ teamId: `team-${i}`, teamName: `Team ${i}`, reference, now })));
    expect((await new TeamRegistry(store).list()).map((t) => t.teamId).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `team-${i}`).sort());
  });

  it('forgets a removed team, and treats a registry it cannot read as empty instead of stopping', async () => {
    const store = new MemoryStore();
    const registry = new TeamRegistry(store);
    await registry.add({ teamId: 'team-1', reference, now });
    await registry.remove('team-1');
    expect(await registry.list()).toEqual([]);
    await store.write('baliewijzer/teams', { teams: 'broken' });
    expect(await registry.list()).toEqual([]);
    await registry.add({ teamId: 'team-2', reference, now });
    expect((await registry.list()).map((t) => t.teamId)).toEqual(['team-2']);
  });
});
