import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { hashText } from '../logging/hash-id.js';
import { EtagConflict, type Store } from '../storage/store.js';
import { updateDocument } from '../storage/update-document.js';

/** Prefix of every conversation's state document (the housekeeping sweep works by it). */
export const CONVERSATION_PREFIX = 'baliewijzer/conversations/';

/** What one turn read of its conversation: the version, the document it changes, and the text it was read as. */
interface Loaded {
  readonly key: string;
  readonly eTag: string | undefined;
  readonly document: Record<string, unknown>;
  readonly text: string;
  /** Property values parsed this turn, so each is parsed once and changed in place. */
  readonly parsed: Map<string, unknown>;
  /** Each property's value and its JSON as `changed` serialised them, so `save` serialises again only what was set since. */
  measured?: ReadonlyMap<string, Part>;
  /** What this turn wrote last and its version: a follow-up change starts from here, not from a read. */
  saved?: { readonly eTag: string; readonly parts: ReadonlyMap<string, Part> };
}

/** One property of the document: its value and that value's JSON. */
interface Part {
  readonly value: unknown;
  readonly json: string;
}

const LOADED = Symbol('baliewijzer.conversationState');

/**
 * The state of one conversation: a single document in the store, read at the start of a turn
 * and written at its end over exactly the version read (or created only if it still does not
 * exist), so two turns on one conversation never overwrite each other. Parts of it are typed
 * properties, each a botbuilder `StatePropertyAccessor` whose value is checked with its zod schema
 * when first read in a turn: a stored value that no longer parses reads as absent.
 */
export class ConversationState {
  constructor(private readonly store: Store) {}

  /**
   * `baliewijzer/conversations/<channel>/<conversation id>`; in a group chat or a channel thread,
   * where several staff members each run a case of their own, one document per staff member:
   * `…/<conversation id>/user-<hash of their Entra object id (else Teams user id)>`. Undefined
   * when the activity names no conversation (or, in a shared one, nobody).
   */
  static keyOf(context: TurnContext): string | undefined {
    const { channelId, conversation, from } = context.activity;
    if (!channelId || !conversation?.id) return undefined;
    const key = `${CONVERSATION_PREFIX}${channelId}/${conversation.id}`;
    if (!isShared(conversation)) return key;
    const user = from?.aadObjectId || from?.id;
    return user ? `${key}/user-${hashText(user)}` : undefined;
  }

  /** Reads the conversation's document for this turn (again, when a turn runs a second time). */
  async load(context: TurnContext): Promise<void> {
    const key = ConversationState.keyOf(context);
    if (key === undefined) throw new Error('the activity has no channel or conversation id');
    const stored = await this.store.read(key);
    const document: Record<string, unknown> = stored ? { ...stored.value } : {};
    // The store's own text of the document when it has it: no serialising on the way in.
    const loaded: Loaded = { key, eTag: stored?.eTag, document, text: stored?.json ?? JSON.stringify(document), parsed: new Map() };
    context.turnState.set(LOADED, loaded);
  }

  /** A typed part of the conversation's state. */
  property<T>(name: string, schema: z.ZodType<T>): StatePropertyAccessor<T> {
    const loaded = (context: TurnContext): Loaded => this.loaded(context);
    return {
      async get(context: TurnContext, defaultValue?: T): Promise<T> {
        const state = loaded(context);
        if (state.parsed.has(name)) return state.parsed.get(name) as T;
        const parsed = schema.safeParse(state.document[name]);
        const value = parsed.success ? parsed.data : defaultValue;
        if (value !== undefined) {
          // The value is kept in the document itself, so changes made to it (botbuilder's dialog stack is changed in place) are saved.
          state.document[name] = value;
          state.parsed.set(name, value);
        }
        return value as T;
      },
      async set(context: TurnContext, value: T): Promise<void> {
        const state = loaded(context);
        state.document[name] = value;
        state.parsed.set(name, value);
      },
      async delete(context: TurnContext): Promise<void> {
        const state = loaded(context);
        Reflect.deleteProperty(state.document, name);
        state.parsed.delete(name);
      },
    };
  }

  /** Whether this turn changed the state it read (compared as JSON text; the text is kept for `save`). */
  changed(context: TurnContext): boolean {
    const state = this.loaded(context);
    const measured = new Map<string, Part>();
    for (const [name, value] of Object.entries(state.document)) {
      const json = serialise(value);
      if (json !== undefined) measured.set(name, { value, json });
    }
    state.measured = measured;
    return documentJson(measured) !== state.text;
  }

  /**
   * Writes the state over the version this turn read; throws the store's `EtagConflict`
   * when another turn wrote it meanwhile (then nothing of this turn was written). The document
   * is serialised once: properties unchanged since `changed` reuse the text it made.
   */
  async save(context: TurnContext): Promise<void> {
    const state = this.loaded(context);
    const parts = new Map<string, Part>();
    for (const [name, value] of Object.entries(state.document)) {
      // Set after `changed` (the turn record): a new object, so it is serialised now.
      const known = state.measured?.get(name);
      const json = known !== undefined && known.value === value ? known.json : serialise(value);
      if (json !== undefined) parts.set(name, { value, json });
    }
    const eTag = await this.store.write(state.key, state.document, state.eTag === undefined ? { ifAbsent: true } : { ifMatch: state.eTag }, documentJson(parts));
    state.saved = { eTag, parts };
  }

  /**
   * Changes one property of the conversation's document after the turn's save, for what is known
   * only then (the id Teams gave a reply): changed in what the turn saved and written over exactly
   * that version; when another turn wrote meanwhile, read, changed and written over the version
   * read (again on each conflict). `change` gets the stored value and returns the
   * new one, or undefined to leave the document as it is; a document gone meanwhile stays gone.
   */
  async updateProperty(context: TurnContext, name: string, change: (current: unknown) => unknown): Promise<void> {
    const state = this.loaded(context);
    // First over what this turn saved, without reading it back: nobody else wrote it meanwhile, mostly.
    const saved = state.saved;
    if (saved !== undefined) {
      const value = change(saved.parts.get(name)?.value);
      // Nothing written: what the turn saved is still the stored version.
      if (value === undefined) return;
      state.saved = undefined;
      const parts = new Map(saved.parts);
      const json = serialise(value);
      if (json === undefined) parts.delete(name);
      else parts.set(name, { value, json });
      try {
        const document = Object.fromEntries([...parts].map(([key, part]) => [key, part.value]));
        state.saved = { eTag: await this.store.write(state.key, document, { ifMatch: saved.eTag }, documentJson(parts)), parts };
        return;
      } catch (error) {
        if (!(error instanceof EtagConflict)) throw error;
      }
    }
    await updateDocument(this.store, state.key, (stored) => {
      if (!stored) return undefined;
      const value = change(stored.value[name]);
      return value === undefined ? undefined : { ...stored.value, [name]: value };
    });
  }

  private loaded(context: TurnContext): Loaded {
    const state: unknown = context.turnState.get(LOADED);
    if (!isLoaded(state)) throw new Error('conversation state used before it was loaded for this turn');
    return state;
  }
}

/** JSON.stringify of one property's value; undefined where JSON.stringify leaves the property out. */
function serialise(value: unknown): string | undefined {
  const json: unknown = JSON.stringify(value);
  return typeof json === 'string' ? json : undefined;
}

/** The document's JSON from its properties' JSON, in order: exactly JSON.stringify of the document. */
function documentJson(parts: ReadonlyMap<string, { readonly json: string }>): string {
  let out = '{';
  for (const [name, { json }] of parts) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(name)}:${json}`;
  return `${out}}`;
}

/** A group chat or a channel: more than one staff member can talk to the bot in it. */
function isShared(conversation: { readonly conversationType?: string; readonly isGroup?: boolean }): boolean {
  return conversation.conversationType === 'channel' || conversation.conversationType === 'groupChat' || conversation.isGroup === true;
}

function isLoaded(value: unknown): value is Loaded {
  return typeof value === 'object' && value !== null && 'document' in value && 'parsed' in value;
}
