import type { Storage } from 'botbuilder';
import { z } from 'zod';
import { isETagConflict } from '../storage/etag-conflict.js';
import { eTagOf } from '../storage/stored-item.js';
import { storedReferenceSchema, type StoredReference } from './conversation-ref.js';

/** A team the bot is installed in, and the channel its case summaries go to. */
export const teamRecordSchema = z.strictObject({
  teamId: z.string().min(1).max(300),
  teamName: z.string().max(300).optional(),
  /** The team's General channel conversation, captured on install; used to post proactively. */
  reference: storedReferenceSchema,
  summaryChannelId: z.string().min(1).max(300),
  summaryChannelName: z.string().max(300).optional(),
  installedAt: z.iso.datetime(),
});
export type TeamRecord = z.infer<typeof teamRecordSchema>;

const registrySchema = z.object({
  teams: z.record(z.string(), teamRecordSchema),
  eTag: z.string().optional(),
});

const KEY = 'baliewijzer/teams';
const MAX_CONFLICT_RETRIES = 5;

/**
 * Every team the bot is installed in, kept in the bot's storage (one document, written with its
 * eTag so two instances updating it at once retry instead of overwriting each other).
 */
export class TeamRegistry {
  constructor(private readonly storage: Storage) {}

  async list(): Promise<TeamRecord[]> {
    return Object.values((await this.read()).teams).sort((a, b) => (a.teamName ?? a.teamId).localeCompare(b.teamName ?? b.teamId));
  }

  async get(teamId: string): Promise<TeamRecord | undefined> {
    return (await this.read()).teams[teamId];
  }

  /** Install: remember the team; its General channel is the summary channel until one is chosen. */
  async add(team: { teamId: string; teamName?: string; reference: StoredReference; now: Date }): Promise<void> {
    await this.update((teams) => {
      const existing = teams[team.teamId];
      teams[team.teamId] = {
        teamId: team.teamId,
        teamName: team.teamName ?? existing?.teamName,
        reference: team.reference,
        summaryChannelId: existing?.summaryChannelId ?? team.teamId,
        summaryChannelName: existing?.summaryChannelName,
        installedAt: existing?.installedAt ?? team.now.toISOString(),
      };
    });
  }

  async remove(teamId: string): Promise<void> {
    await this.update((teams) => {
      for (const key of Object.keys(teams)) if (key === teamId) Reflect.deleteProperty(teams, key);
    });
  }

  /** "samenvattingen hier": make this channel the team's summary channel. False when the team is unknown. */
  async setSummaryChannel(teamId: string, channelId: string, channelName?: string): Promise<boolean> {
    let known = false;
    await this.update((teams) => {
      const team = teams[teamId];
      if (!team) return;
      known = true;
      teams[teamId] = { ...team, summaryChannelId: channelId, summaryChannelName: channelName };
    });
    return known;
  }

  private async read(): Promise<z.infer<typeof registrySchema>> {
    const items = await this.storage.read([KEY]);
    const parsed = registrySchema.safeParse(items[KEY] ?? { teams: {} });
    // A registry that no longer parses is treated as empty rather than stopping every turn; teams re-register on their next event.
    return parsed.success ? parsed.data : { teams: {}, eTag: eTagOf(items[KEY]) };
  }

  private async update(change: (teams: Record<string, TeamRecord>) => void): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.read();
      const teams = { ...current.teams };
      change(teams);
      try {
        await this.storage.write({ [KEY]: { teams, eTag: current.eTag ?? '*' } });
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }
}
