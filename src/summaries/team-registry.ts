import { z } from 'zod';
import type { Store } from '../storage/store.js';
import { updateDocument } from '../storage/update-document.js';
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

const registrySchema = z.object({ teams: z.record(z.string(), teamRecordSchema) });
type Teams = Record<string, TeamRecord>;

const KEY = 'baliewijzer/teams';

/** The teams in a stored registry; one that no longer parses counts as empty (teams register again on their next event). */
function teamsOf(value: unknown): Teams {
  const parsed = registrySchema.safeParse(value);
  return parsed.success ? parsed.data.teams : {};
}

/**
 * Every team the bot is installed in, kept in the bot's storage (one document, written over the
 * version read, so two instances updating it at once retry instead of overwriting each other).
 */
export class TeamRegistry {
  constructor(private readonly store: Store) {}

  async list(): Promise<TeamRecord[]> {
    return Object.values(teamsOf((await this.store.read(KEY))?.value)).sort((a, b) => (a.teamName ?? a.teamId).localeCompare(b.teamName ?? b.teamId));
  }

  async get(teamId: string): Promise<TeamRecord | undefined> {
    return teamsOf((await this.store.read(KEY))?.value)[teamId];
  }

  /** Install: remember the team; its General channel is the summary channel until one is chosen. */
  async add(team: { teamId: string; teamName?: string; reference: StoredReference; now: Date }): Promise<void> {
    await this.update((teams) => {
      const existing = teams[team.teamId];
      return {
        ...teams,
        [team.teamId]: {
          teamId: team.teamId,
          teamName: team.teamName ?? existing?.teamName,
          reference: team.reference,
          summaryChannelId: existing?.summaryChannelId ?? team.teamId,
          summaryChannelName: existing?.summaryChannelName,
          installedAt: existing?.installedAt ?? team.now.toISOString(),
        },
      };
    });
  }

  async remove(teamId: string): Promise<void> {
    await this.update((teams) => (teamId in teams ? Object.fromEntries(Object.entries(teams).filter(([id]) => id !== teamId)) : undefined));
  }

  /** "samenvattingen hier": make this channel the team's summary channel. False when the team is unknown. */
  async setSummaryChannel(teamId: string, channelId: string, channelName?: string): Promise<boolean> {
    let known = false;
    await this.update((teams) => {
      const team = teams[teamId];
      known = team !== undefined;
      return team ? { ...teams, [teamId]: { ...team, summaryChannelId: channelId, summaryChannelName: channelName } } : undefined;
    });
    return known;
  }

  /** `change` returns the new set of teams, or undefined to leave the registry as it is. */
  private async update(change: (teams: Teams) => Teams | undefined): Promise<void> {
    await updateDocument(this.store, KEY, (current) => {
      const teams = change(teamsOf(current?.value));
      return teams && { teams };
    });
  }
}
