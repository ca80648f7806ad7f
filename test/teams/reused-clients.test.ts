import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/adapter.js';
import { parseConfig } from '../../src/config.js';
import { silentLogger } from '../support/logs.js';

const activity = (id: string): Activity =>
  ({
    type: ActivityTypes.Message,
    id,
    text: 'hallo',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'user-1', name: '' },
    recipient: { id: 'bot-1', name: '' },
    conversation: { id: 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
  }) as Activity;

/**
 * CloudAdapter makes a user-token client (and, without our cache, a connector client) for every
 * turn, each with an HTTP pipeline of its own: the bot makes each once (issue 19).
 */
describe('the SDK clients of a turn', () => {
  it('are the same objects on every turn of the bot app', async () => {
    const adapter = createAdapter(parseConfig({}), silentLogger());
    const seen: Array<{ userTokens: unknown; connector: unknown }> = [];
    for (const id of ['a-1', 'a-2', 'a-3']) {
      const authentication = await adapter.authenticate(activity(id), undefined);
      if (!authentication.ok) throw new Error('an anonymous request was refused');
      await adapter.processAuthenticated(authentication.result, activity(id), async (context: TurnContext) => {
        seen.push({ userTokens: context.turnState.get(adapter.UserTokenClientKey), connector: context.turnState.get(adapter.ConnectorClientKey) });
      });
    }
    expect(seen).toHaveLength(3);
    expect(seen[0]?.userTokens).toBeDefined();
    expect(seen[0]?.connector).toBeDefined();
    for (const turn of seen) expect(turn).toEqual({ userTokens: seen[0]?.userTokens, connector: seen[0]?.connector });
    expect(new Set(seen.map((s) => s.userTokens)).size).toBe(1);
    expect(new Set(seen.map((s) => s.connector)).size).toBe(1);
    adapter.close();
  });
});
