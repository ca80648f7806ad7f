import { hashText } from '../../src/logging/hash-id.js';
import type { Store, StoredValue } from '../../src/storage/store.js';
import { CONVERSATION_PREFIX } from '../../src/turn/conversation-state.js';

/** A conversation's stored state document, as the turn pipeline keeps it (undefined when there is none). */
export async function storedConversation(store: Store, conversationId: string, channelId = 'msteams'): Promise<StoredValue | undefined> {
  return (await store.read(`${CONVERSATION_PREFIX}${channelId}/${conversationId}`))?.value;
}

/** One staff member's state document in a group chat or channel thread (each has their own there), by their Entra object id or Teams id. */
export async function storedSharedConversation(store: Store, conversationId: string, user: string, channelId = 'msteams'): Promise<StoredValue | undefined> {
  return (await store.read(`${CONVERSATION_PREFIX}${channelId}/${conversationId}/user-${hashText(user)}`))?.value;
}
