import type { TurnContext } from 'botbuilder';
import { formatWhen } from '../cards/format.js';
import { fill, type Messages } from '../cards/messages.js';
import type { HandoverSubmit } from '../cards/submit-schema.js';
import type { Logger } from '../logging/logger.js';
import { loggerOf } from '../logging/turn-log.js';
import type { Handover, HandoverBoard, HandoverResult } from '../summaries/handover-board.js';
import { maskNote } from '../summaries/mask-note.js';
import type { DeferEffect, PersonalChat } from './case-effects.js';
import type { DeskPlace } from './desk-turn.js';
import type { Replies } from './replies.js';

export interface HandoverDeskDeps {
  readonly board: HandoverBoard;
  readonly messages: Messages;
  readonly replies: Replies;
  readonly defer: DeferEffect;
  readonly newCaseId: () => string;
  readonly now: () => Date;
  readonly log: Logger;
  /** The library's time zone (config TIME_ZONE), for the times in the answers. */
  readonly timeZone?: string;
}

/** How a click reached the bot: a message (Action.Submit) or an invoke (Action.Execute) that gets an answer of its own. */
export type ClickChannel = 'message' | 'invoke';

/**
 * The team channel's side of handing over unresolved cases: "Ik pak dit op", "Verder in mijn
 * chat" and "Afgehandeld" on a posted summary, and "@Baliewijzer open casussen". The case's state
 * lives on the handover board; what changes in Teams (the channel card, the claimer's own chat)
 * is deferred until the turn is saved.
 */
export class HandoverDesk {
  constructor(private readonly deps: HandoverDeskDeps) {}

  /**
   * A click on a handed-over case. Returns the sentence for the one who clicked: an invoke
   * answers with it (only they see it); after a message it goes to their own chat when it says
   * the click changed nothing (a reply in the channel would be read by everyone).
   */
  async click(context: TurnContext, place: DeskPlace, submit: HandoverSubmit, via: ClickChannel): Promise<string> {
    const { board, messages } = this.deps;
    const log = loggerOf(context, this.deps.log);
    const by = { id: place.staff.id, name: place.staff.name };
    const { team, caseId } = submit;
    let result: HandoverResult;
    switch (submit.action) {
      case 'claim':
        result = await board.claim(team, caseId, by, this.deps.now());
        break;
      case 'continue':
        result = await board.continueBy(team, caseId, by, this.deps.newCaseId());
        break;
      case 'handled': {
        const note = maskNote(submit.note ?? '', messages);
        result = await board.handle(team, caseId, by, note === '' ? undefined : note, this.deps.now());
        break;
      }
    }
    log.info({ event: `handover.${submit.action}`, result: result.kind, changed: result.kind === 'done' && result.changed }, 'handover button clicked');
    const chat = personalChat(place);
    if (result.kind === 'done') {
      // Also when this click changed nothing: the turn that did may have run again after losing an
      // eTag race on this conversation, and its card must still be shown. Showing it twice is harmless.
      this.deps.defer(context, { kind: 'handover-card', team, caseId });
      if (submit.action === 'continue' && chat) this.deps.defer(context, { kind: 'handover-continue', team, caseId, to: chat });
    }
    const text = this.answer(result, submit.action);
    if (via === 'message' && result.kind !== 'done') {
      if (chat) this.deps.defer(context, { kind: 'tell', to: chat, text });
      else await context.sendActivity(text);
    }
    return text;
  }

  /** "@Baliewijzer open casussen": in a team channel, the team's open cases; elsewhere, where to ask. */
  async list(context: TurnContext, place: DeskPlace): Promise<void> {
    if (!place.team) {
      await context.sendActivity(this.deps.messages.openCasesOnlyInTeam);
      return;
    }
    // A channel chosen with SUMMARY_CHANNEL_ID keys its cases by the channel's id.
    const teams = place.channel && place.channel.id !== place.team.id ? [place.team.id, place.channel.id] : [place.team.id];
    loggerOf(context, this.deps.log).info({ event: 'handover.listed' }, 'open cases listed in a team channel');
    await context.sendActivity(await this.deps.replies.openCases(teams));
  }

  /** The sentence for the one who clicked, from the case as the click found or left it. */
  private answer(result: HandoverResult, action: HandoverSubmit['action']): string {
    const m = this.deps.messages;
    if (result.kind === 'not-found') return m.handoverNotFound;
    const h = result.handover;
    const about = { flow: h.summary.flowTitle, staff: this.name(h.summary.staff) };
    switch (result.kind) {
      case 'claimed-by-other': {
        const claimed = h.claimed;
        const who = { name: claimed ? this.name(claimed.by) : m.unknownStaff, when: claimed ? this.when(claimed.at) : '' };
        return fill(action === 'claim' ? m.handoverAlreadyClaimed : m.handoverOnlyClaimer, { ...about, ...who });
      }
      case 'already-handled':
        return fill(m.handoverAlreadyHandled, { ...about, name: h.handled ? this.name(h.handled.by) : m.unknownStaff, when: h.handled ? this.when(h.handled.at) : '' });
      case 'not-claimed':
        return fill(m.handoverNotClaimed, about);
      case 'done':
        return fill(action === 'claim' ? m.handoverClaimedByYou : action === 'handled' ? m.handoverHandledByYou : m.handoverContinuing, about);
    }
  }

  private name(person: Handover['summary']['staff']): string {
    return person.name || this.deps.messages.unknownStaff;
  }

  private when(iso: string): string {
    return formatWhen(iso, this.deps.timeZone);
  }
}

/** The clicker's own chat with the bot, reachable from this turn's Bot Connector and tenant. */
function personalChat(place: DeskPlace): PersonalChat | undefined {
  const reference = place.reference;
  if (!reference || place.staff.id === '') return undefined;
  return { userId: place.staff.id, tenantId: place.tenantId, serviceUrl: reference.serviceUrl, bot: { id: reference.bot.id, name: reference.bot.name } };
}
