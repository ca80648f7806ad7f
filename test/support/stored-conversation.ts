import type { Store, StoredValue } from '../../src/storage/store.js';
import { CONVERSATION_PREFIX } from '../../src/turn/conversation-state.js';

/** A conversation's stored state document, as the turn pipeline keeps it (undefined when there is none). */
export async function storedConversation(store: Store, conversationId: string, channelId = 'msteams'): Promise<StoredValue | undefined> {
  return (await store.read(`${CONVERSATION_PREFIX}${channelId}/${conversationId}`))?.value;
}
