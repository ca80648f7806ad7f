import type { Activity } from 'botbuilder';
import type { Store } from '../../src/storage/store.js';
import { DeskDriver, type Reply } from '../support/desk-driver.js';

export const TEAM = { id: '19:balie-team@thread.tacv2', name: 'Balie' };
const CHANNEL = { id: '19:general@thread.tacv2', name: 'Algemeen' };

/** The team's General channel, on the same storage as the staff member's chat. */
export function teamChannel(options: { flowsDir: string; store?: Store; now?: () => Date }): DeskDriver {
  return new DeskDriver({ ...options, conversationType: 'channel', conversationId: `${CHANNEL.id};messageid=1` });
}

/** `@Baliewijzer <text>` typed in the team's channel, as Teams delivers it (mention entity, team in channelData). */
export function sayInChannel(channel: DeskDriver, text: string): Promise<Reply[]> {
  const mention = '<at>Baliewijzer</at>';
  const activity: Partial<Activity> = {
    type: 'message',
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', text: mention, mentioned: { id: 'bot-1', name: 'Baliewijzer' } }],
    channelData: { team: TEAM, channel: CHANNEL, tenant: { id: 'tenant-1' } },
  };
  return channel.send(activity);
}
