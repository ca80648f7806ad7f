import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { caseEndingSchema } from '../troubleshooting/case-ending.js';

/** Typed commands, Dutch and English; their words are in messages.json (`commands`). */
export const commandSchema = z.enum(['help', 'menu', 'back', 'restart', 'stop', 'summaries-here', 'statistics', 'open-cases']);
export type Command = z.infer<typeof commandSchema>;

/**
 * Every sentence the bot says outside the flows, from `cards/messages.json`, so wording is edited
 * as data. The schema lists each key: a missing or misspelt key stops the bot at start.
 */
const line = z.string().trim().min(1);
export const messagesSchema = z.strictObject({
  welcomeHeading: line,
  welcomeIntro: line,
  menuHeading: line,
  menuIntro: line,
  menuHint: line,
  matchesHeading: line,
  matchesIntro: line,
  /** Under a "Bedoel je …?" option that starts at a step. */
  matchesStep: line,
  labelChooseFromList: line,
  /** Above "Kies uit de lijst" on the first card of a case the search started. */
  notWhatYouWanted: line,
  notRecognised: line,
  /** Small talk: a greeting gets the menu with this first line, thanks get this reply. */
  greeting: line,
  thanks: line,
  noOpenCase: line,
  oldCase: line,
  staleCard: line,
  atStart: line,
  invalidSubmit: line,
  inCase: line,
  /** A typed answer taken as a click on that button. */
  typedAnswer: line,
  /** A different problem typed during a case: the offer to start a new one. */
  switchHeading: line,
  switchIntro: line,
  switchNewCase: line,
  labelResume: line,
  stopped: line,
  flowChanged: line,
  flowRemoved: line,
  clickProcessed: line,
  /** The answer to a click whose card stays as it is (a menu button), for clients that show one. */
  clickAnswered: line,
  /** "Casus van {name}": on a case card in a group chat or channel. */
  caseOf: line,
  /** Said only to a colleague who clicks a card of someone else's case. */
  notOwner: line,
  caseExpired: line,
  unknownFlow: line,
  turnError: line,
  labelBack: line,
  labelRestart: line,
  labelStop: line,
  labelNewCase: line,
  /** A case that started at a later step (deep entry): where, and the button to the top. */
  labelFromStart: line,
  startedAtStep: line,
  /** An end step that refers to another procedure (`continueIn`): the line above its button. */
  continueInFlow: line,
  continueInStep: line,
  /** The line on a case card that has no buttons any more, by why (see desk-card-intent.ts). */
  closedChosen: line,
  closedBack: line,
  closedRestarted: line,
  closedStopped: line,
  closedSwitched: line,
  closedExpired: line,
  closedReshown: line,
  /** How an ending is named on the end card and the summary ("Doorverwezen"). */
  endings: z.record(caseEndingSchema, line),
  /** How the statistics count endings ("3 doorverwezen", "2 afgebroken"). */
  endingCounts: z.record(z.union([caseEndingSchema, z.literal('afgebroken')]), line),
  casesOne: line,
  casesMany: line,
  unknownStaff: line,
  labelShare: line,
  labelShareAgain: line,
  shareQueued: line,
  shareSent: line,
  shareRetrying: line,
  shareFailed: line,
  shareFailureNoAccess: line,
  shareFailureStatus: line,
  shareFailureGaveUp: line,
  shareFailureNoConnection: line,
  shareFailureUnreadable: line,
  shareAlready: line,
  shareNoTeam: line,
  shareChooseTeam: line,
  shareNotFound: line,
  summariesHere: line,
  summariesHereNoTeam: line,
  statisticsOnlyInTeam: line,
  stepNoLongerInFlow: line,
  channelFallback: line,
  /** The name Teams shows for a team's General channel (its id is the team's own). */
  generalChannel: line,
  teamWelcome: line,
  groupWelcome: line,
  maskedEmail: line,
  maskedNumber: line,
  /** Handing over unresolved cases in the team channel (claim, continue, handled, lists). */
  labelClaim: line,
  labelHandled: line,
  labelContinue: line,
  handoverUnclaimed: line,
  handoverClaimed: line,
  handoverContinued: line,
  handoverHandled: line,
  handoverHandledNote: line,
  handoverNotePlaceholder: line,
  handoverClaimedByYou: line,
  handoverAlreadyClaimed: line,
  handoverAlreadyHandled: line,
  handoverNotClaimed: line,
  handoverOnlyClaimer: line,
  handoverHandledByYou: line,
  handoverContinuing: line,
  handoverNotFound: line,
  handoverIntro: line,
  handoverIntroNote: line,
  handoverAlreadyHere: line,
  takenOverFrom: line,
  openCasesHeading: line,
  openCasesIntro: line,
  openCasesNone: line,
  openCasesMore: line,
  openCasesOnlyInTeam: line,
  digestHeading: line,
  digestIntro: line,
  procedureChangedOn: line,
  maskedName: line,
  /** The words (lower case) that are each command when typed on their own. */
  commands: z.record(commandSchema, z.array(line).min(1)),
});

export type Messages = z.infer<typeof messagesSchema>;

export function loadMessages(cardsDir: string): Messages {
  const file = join(cardsDir, 'messages.json');
  const parsed = messagesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Fills `{name}` placeholders; unknown names stay visible so a typo shows up in review. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** "1 casus", "3 casussen". */
export function casesText(messages: Messages, n: number): string {
  return fill(n === 1 ? messages.casesOne : messages.casesMany, { n });
}
