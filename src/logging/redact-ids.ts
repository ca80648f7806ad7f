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
