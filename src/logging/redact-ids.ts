import { hashId } from './hash-id.js';

/**
 * Teams ids where they can appear in a log line outside our own fields: the conversation of a
 * storage key or file (`baliewijzer/conversations/<channel>/<id>`) or of a Bot Connector URL
 * (`…/conversations/<id>/…`, URL-encoded or not), and
 * Teams conversation and user ids by their shape (`19:…@thread.…`, `a:…`, `29:…`, also encoded).
 * Not after a word character or a colon, so times such as 03:19:45 are left alone.
 */
const CONVERSATION_SEGMENT = /(\/conversations\/)([^/"\s\\?#]+)/g;
/** A conversation's storage key or file (`baliewijzer/conversations/<channel>/<id>`, `….json`). */
const STORED_CONVERSATION = /(baliewijzer\/conversations\/[a-z]+\/)([^/"'\s\\?#]+?)(\.json)?(?=["'\s/\\]|$)/g;
const TEAMS_ID = /(?<![\w:%])(?:19(?::|%3A)[^\s"/\\]+?(?:@|%40)(?:thread\.[a-z0-9]+|unq\.gbl\.spaces)(?:;messageid=\d+)?|(?:a|29)(?::|%3A)[\w-]{10,})/gi;

const hashOf = (id: string): string => hashId(safeDecode(id)) ?? '';

/** Conversations of recent turns, by hash: enough for every turn in flight, bounded so it cannot grow. */
const MAX_REMEMBERED = 1_000;
const remembered = new Map<string, string>();
/** The hashed conversation a turn's lines carry (turn-log.ts binds it to every line of the turn). */
const CONVERSATION_FIELD = /"conversation":"([A-Za-z0-9_-]{12})"/;

/**
 * Remembers a turn's conversation id by its hash, so a line that carries the hash (every line of
 * that turn's logger) has the raw id replaced wherever it appears, in any form or shape.
 */
export function rememberConversation(known: KnownId): void {
  remembered.delete(known.hash);
  remembered.set(known.hash, known.id);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value ?? known.hash);
}

/** The remembered conversation a serialised line belongs to, by the hash in its conversation field. */
export function knownConversationIn(line: string): KnownId | undefined {
  const hash = CONVERSATION_FIELD.exec(line)?.[1];
  const id = hash === undefined ? undefined : remembered.get(hash);
  return hash === undefined || id === undefined ? undefined : { id, hash };
}

/** An id to replace wherever it occurs, whatever its shape, with its hash (computed once, by the caller). */
export interface KnownId {
  readonly id: string;
  readonly hash: string;
}

/**
 * A serialised log line with every Teams conversation id in it replaced by its hash, the same
 * hash the `conversation` field carries: error messages from the SDK and the storage embed raw
 * ids (eTag conflicts name the storage key, connector errors the URL). `known` is the current
 * turn's conversation, found in any form (JSON-escaped or URL-encoded), whatever its shape.
 */
export function redactIds(line: string, known?: KnownId): string {
  let redacted = line;
  if (known && known.id !== '') {
    for (const form of new Set([JSON.stringify(known.id).slice(1, -1), encodeURIComponent(known.id)])) {
      if (redacted.includes(form)) redacted = redacted.split(form).join(known.hash);
    }
  }
  if (redacted.includes('conversations/')) {
    redacted = redacted.replace(STORED_CONVERSATION, (match, prefix: string, id: string, json: string | undefined) => (id === known?.hash ? match : `${prefix}${hashOf(id)}${json ?? ''}`));
    redacted = redacted.replace(CONVERSATION_SEGMENT, (match, prefix: string, id: string) => (id === known?.hash || /^[a-z]+$/.test(id) ? match : `${prefix}${hashOf(id)}`));
  }
  return redacted.replace(TEAMS_ID, (id) => hashOf(id));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
