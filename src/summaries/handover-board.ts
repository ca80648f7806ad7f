import { z } from 'zod';
import { EtagConflict, type Store } from '../storage/store.js';
import { caseSummarySchema } from './case-summary.js';
import { storedReferenceSchema } from './conversation-ref.js';
import { MAX_NOTE_LENGTH } from './mask-note.js';
import type { OutboxItem, SummaryOutbox } from './summary-outbox.js';

/** Storage key prefix of handed-over cases: `baliewijzer/handover/<team>/<case id>` (the sweep deletes old ones). */
export const HANDOVER_PREFIX = 'baliewijzer/handover/';

const person = z.strictObject({ id: z.string().min(1).max(200), name: z.string().max(200) });
export type Person = z.infer<typeof person>;

/**
 * An unresolved case whose summary was posted in a team channel, and who picked it up: open,
 * claimed (and maybe continued in the claimer's own chat), or handled. One document per case,
 * changed only over the version read, so of two colleagues clicking "Ik pak dit op" at once
 * exactly one gets the case.
 */
export const handoverSchema = z.strictObject({
  caseId: z.string().min(1).max(80),
  /** The team whose channel the summary was posted in (the outbox target's team id). */
  team: z.string().min(1).max(300),
  summary: caseSummarySchema,
  /** The note (masked) posted with the summary. */
  note: z.string().max(MAX_NOTE_LENGTH).optional(),
  /** The channel post, to update its card for everyone. */
  post: z.strictObject({ reference: storedReferenceSchema, conversationId: z.string().min(1).max(500), activityId: z.string().max(300).optional() }),
  openedAt: z.iso.datetime(),
  claimed: z.strictObject({ by: person, at: z.iso.datetime() }).optional(),
  /** The case id of the copy the claimer continues in their own chat. */
  continuedAs: z.string().min(1).max(80).optional(),
  handled: z.strictObject({ by: person, at: z.iso.datetime(), note: z.string().max(MAX_NOTE_LENGTH).optional() }).optional(),
});
export type Handover = z.infer<typeof handoverSchema>;

/** What a click on a handed-over case led to. */
export type HandoverResult =
  /** Done (or already done by this same person: a repeated click changes nothing). */
  | { readonly kind: 'done'; readonly handover: Handover; readonly changed: boolean }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'claimed-by-other'; readonly handover: Handover }
  | { readonly kind: 'already-handled'; readonly handover: Handover }
  | { readonly kind: 'not-claimed'; readonly handover: Handover };

/** What a click does to a case, decided on the version read: the new version, or the answer without a change. */
type Decision = { readonly next: Handover } | { readonly result: HandoverResult };

/** Tries of one change before giving up (each reads the newest version first). */
const ATTEMPTS = 5;

export const isUnresolved = (summary: { readonly outcome: string }): boolean => summary.outcome !== 'opgelost';

/**
 * Handing over unresolved cases in a team channel, in the bot's storage: a case becomes open when
 * its summary is posted, and is claimed, continued and handled from there. Keyed by team, so a
 * team's open cases are one listing.
 */
export class HandoverBoard {
  constructor(
    private readonly store: Store,
    private readonly outbox: SummaryOutbox,
  ) {}

  static key(team: string, caseId: string): string {
    return `${HANDOVER_PREFIX}${team}/${caseId}`;
  }

  /** An unresolved summary was posted in its team channel: it is open to be picked up. Posting again changes nothing. */
  async open(item: OutboxItem): Promise<void> {
    const handover = handoverOf(item);
    if (!handover) return;
    try {
      await this.store.write(HandoverBoard.key(handover.team, handover.caseId), handover, { ifAbsent: true });
    } catch (error) {
      if (!(error instanceof EtagConflict)) throw error;
    }
  }

  async get(team: string, caseId: string): Promise<Handover | undefined> {
    return (await this.read(team, caseId))?.handover;
  }

  /** "Ik pak dit op": the case is `by`'s, unless someone else was first. */
  async claim(team: string, caseId: string, by: Person, now: Date): Promise<HandoverResult> {
    return this.change(team, caseId, (h) => {
      if (h.handled) return { result: { kind: 'already-handled', handover: h } };
      if (h.claimed) return { result: h.claimed.by.id === by.id ? { kind: 'done', handover: h, changed: false } : { kind: 'claimed-by-other', handover: h } };
      return { next: { ...h, claimed: { by, at: now.toISOString() } } };
    });
  }

  /** "Verder in mijn chat": only the one who claimed the case; the copy gets `newCaseId` once, and keeps it. */
  async continueBy(team: string, caseId: string, by: Person, newCaseId: string): Promise<HandoverResult> {
    return this.change(team, caseId, (h) => {
      if (h.handled) return { result: { kind: 'already-handled', handover: h } };
      if (!h.claimed) return { result: { kind: 'not-claimed', handover: h } };
      if (h.claimed.by.id !== by.id) return { result: { kind: 'claimed-by-other', handover: h } };
      if (h.continuedAs) return { result: { kind: 'done', handover: h, changed: false } };
      return { next: { ...h, continuedAs: newCaseId } };
    });
  }

  /** "Afgehandeld", with an optional (masked) note: anyone in the team may close a claimed case. */
  async handle(team: string, caseId: string, by: Person, note: string | undefined, now: Date): Promise<HandoverResult> {
    return this.change(team, caseId, (h) => {
      if (h.handled) return { result: h.handled.by.id === by.id ? { kind: 'done', handover: h, changed: false } : { kind: 'already-handled', handover: h } };
      if (!h.claimed) return { result: { kind: 'not-claimed', handover: h } };
      return { next: { ...h, handled: { by, at: now.toISOString(), note } } };
    });
  }

  /**
   * The open cases (unresolved, picked up by nobody) of the given teams, oldest first, at most
   * `limit`, and how many there are in all.
   */
  async openCases(teams: readonly string[], limit: number): Promise<{ readonly cases: readonly Handover[]; readonly total: number }> {
    const keys: string[] = [];
    for (const team of new Set(teams)) for await (const listed of this.store.list(`${HANDOVER_PREFIX}${team}/`)) keys.push(listed.key);
    const stored = await this.store.readMany(keys);
    const open = [...stored.values()]
      .flatMap((s) => {
        const parsed = handoverSchema.safeParse(s.value);
        return parsed.success && !parsed.data.claimed && !parsed.data.handled ? [parsed.data] : [];
      })
      .sort((a, b) => a.summary.endedAt.localeCompare(b.summary.endedAt) || a.caseId.localeCompare(b.caseId));
    return { cases: open.slice(0, limit), total: open.length };
  }

  private async change(team: string, caseId: string, decide: (handover: Handover) => Decision): Promise<HandoverResult> {
    for (let attempt = 1; ; attempt++) {
      const read = await this.read(team, caseId);
      if (!read) return { kind: 'not-found' };
      const decision = decide(read.handover);
      if ('result' in decision) return decision.result;
      try {
        await this.store.write(HandoverBoard.key(team, caseId), decision.next, read.eTag === undefined ? { ifAbsent: true } : { ifMatch: read.eTag });
        return { kind: 'done', handover: decision.next, changed: true };
      } catch (error) {
        // Someone else changed the case since it was read: decide again on their version.
        if (!(error instanceof EtagConflict) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The case and the version read; when its document is not there (yet), made from the summary's
   * outbox item, so a click that comes in before the poster recorded it still finds the case.
   */
  private async read(team: string, caseId: string): Promise<{ readonly handover: Handover; readonly eTag?: string } | undefined> {
    const stored = await this.store.read(HandoverBoard.key(team, caseId));
    if (stored) {
      const parsed = handoverSchema.safeParse(stored.value);
      return parsed.success ? { handover: parsed.data, eTag: stored.eTag } : undefined;
    }
    const item = await this.outbox.get(caseId);
    const handover = item && handoverOf(item);
    return handover && handover.team === team ? { handover } : undefined;
  }
}

/** The open case an outbox item stands for: only a sent, unresolved summary. */
function handoverOf(item: OutboxItem): Handover | undefined {
  if (item.status !== 'sent' || !item.post?.conversationId || !isUnresolved(item.summary)) return undefined;
  return {
    caseId: item.summary.caseId,
    team: item.target.teamId,
    summary: item.summary,
    note: item.note,
    post: { reference: item.target.reference, conversationId: item.post.conversationId, activityId: item.post.activityId },
    openedAt: item.sentAt ?? item.createdAt,
  };
}
