import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { HANDOVER_PREFIX, HandoverBoard } from '../../src/summaries/handover-board.js';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { SummaryOutbox } from '../../src/summaries/summary-outbox.js';
import { EtagConflict, type Store, type StoredValue, type WriteCondition } from '../../src/storage/store.js';
import { cardButtons, cardOf, cardText } from '../support/card-text.js';
import { DeskDriver, textOf, type ProactiveCall } from '../support/desk-driver.js';
import { GatedStore } from '../support/gated-store.js';

const FIXTURE = 'test/fixtures/flows';
const TEAM = { id: '19:balie-team@thread.tacv2', name: 'Balieteam Assen' };
const TENANT = 'tenant-1';
const ANNA = { id: 'staff-anna', name: 'Anna de Vries' };
const BERT = { id: 'staff-bert', name: 'Bert Jansen' };

const boardOf = (store: Store): HandoverBoard => new HandoverBoard(store, new SummaryOutbox(store));
const cardOfCall = (call: ProactiveCall | undefined): unknown => (call ? cardOf(call.activity as { attachments?: Array<{ contentType?: string; content?: unknown }> }) : undefined);
const textOfCall = (call: ProactiveCall | undefined): string => {
  const card = cardOfCall(call);
  return card === undefined ? String(call?.activity.text ?? '') : cardText(card);
};

/** The data of the button titled `title` on a card. */
function buttonData(card: unknown, title: string): Record<string, unknown> {
  const button = cardButtons(card).find((b) => b.title === title);
  if (!button || typeof button.data !== 'object' || button.data === null) throw new Error(`no button "${title}" on the card:\n${cardText(card)}`);
  return button.data as Record<string, unknown>;
}

/**
 * The bot is in the team; a staff member ends a case unresolved in their own chat and shares it
 * with a note. Returns the summary as posted in the team channel.
 */
async function unresolvedCaseInChannel(store: Store): Promise<{ post: ProactiveCall; caseId: string }> {
  const general = new DeskDriver({ flowsDir: FIXTURE, store, conversationType: 'channel', conversationId: TEAM.id });
  await general.send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Baliewijzer' }], channelData: { eventType: 'teamMemberAdded', team: TEAM, channel: { id: TEAM.id, name: 'Algemeen' }, tenant: { id: TENANT } } });
  const owner = new DeskDriver({ flowsDir: FIXTURE, store, conversationId: 'personal-owner' });
  await owner.say('proef probleem');
  await owner.click('Geen rechten');
  await owner.click('Gedaan');
  await owner.click('Nog geen rechten');
  await owner.click('Deel in teamkanaal', { note: 'Klant komt morgen terug, mail jan@example.nl' });
  // The share woke the outbox worker; stopping waits for the post it is making.
  await owner.built.outboxWorker.stop();
  const post = owner.proactive.find((p) => p.kind === 'send' && p.conversationId.startsWith(`${TEAM.id};messageid=`));
  if (!post) throw new Error('the summary was not posted in the team channel');
  return { post, caseId: String(buttonData(cardOfCall(post), 'Ik pak dit op').caseId) };
}

/** A store whose next matching write fails as if another turn had written the item first (once). */
class ConflictOnce implements Store {
  conflicts = 0;
  private next: ((key: string) => boolean) | undefined;
  constructor(private readonly inner: Store) {}
  conflictOnNextWrite(matches: (key: string) => boolean): void {
    this.next = matches;
  }
  read(key: string) {
    return this.inner.read(key);
  }
  readMany(keys: readonly string[]) {
    return this.inner.readMany(keys);
  }
  async write(key: string, value: StoredValue, condition?: WriteCondition): Promise<string> {
    if (this.next?.(key)) {
      this.next = undefined;
      this.conflicts += 1;
      throw new EtagConflict(key);
    }
    return this.inner.write(key, value, condition);
  }
  delete(key: string, condition?: { readonly ifMatch: string }) {
    return this.inner.delete(key, condition);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
}

/** A colleague in the channel thread of the posted summary. */
const colleague = (store: Store, post: ProactiveCall, staff: { id: string; name: string }): DeskDriver =>
  new DeskDriver({ flowsDir: FIXTURE, store, conversationType: 'channel', conversationId: post.conversationId, staff });

/** A click on a button of a card the bot posted (the card is not in this colleague's own transcript). */
const clickOn = (desk: DeskDriver, card: unknown, title: string, cardId: string, inputs: Record<string, string> = {}) => desk.submit({ ...buttonData(card, title), ...inputs }, cardId);

const updatesOf = (desk: DeskDriver, cardId: string): ProactiveCall[] => desk.proactive.filter((p) => p.kind === 'update' && p.id === cardId);
const personalMessages = (desk: DeskDriver, staff: { id: string }): ProactiveCall[] => desk.proactive.filter((p) => p.kind === 'send' && p.conversationId === `a:personal-${staff.id}`);

describe('handing over an unresolved case in the team channel', () => {
  it('posts the unresolved summary with "Ik pak dit op" and keeps it on the board as open', async () => {
    const store = new MemoryStore();
    const { post, caseId } = await unresolvedCaseInChannel(store);
    expect(textOfCall(post)).toContain('⚠ Niet opgelost: wie pakt dit op?');
    expect(cardButtons(cardOfCall(post)).map((b) => b.title)).toEqual(['Ik pak dit op']);
    const handover = await boardOf(store).get(TEAM.id, caseId);
    expect(handover?.claimed).toBeUndefined();
    expect(handover?.note).toBe('Klant komt morgen terug, mail [e-mailadres verwijderd]');
  });

  it('Anna and Bert click "Ik pak dit op" at the same moment: one gets the case, the card says so for everyone, the other is told privately who was first', async () => {
    const store = new GatedStore(new MemoryStore(), (key) => key.startsWith(HANDOVER_PREFIX));
    const { post, caseId } = await unresolvedCaseInChannel(store);
    const anna = colleague(store, post, ANNA);
    const bert = colleague(store, post, BERT);
    const card = cardOfCall(post);

    store.holdReads(2);
    const [inThreadAnna, inThreadBert] = await Promise.all([clickOn(anna, card, 'Ik pak dit op', post.id), clickOn(bert, card, 'Ik pak dit op', post.id)]);
    expect(store.conflicts).toBeGreaterThanOrEqual(1);
    // Nothing is said in the channel thread itself.
    expect([...inThreadAnna, ...inThreadBert]).toEqual([]);

    const handover = await boardOf(store).get(TEAM.id, caseId);
    const winner = handover?.claimed?.by.id === ANNA.id ? { desk: anna, staff: ANNA } : { desk: bert, staff: BERT };
    const loser = winner.desk === anna ? { desk: bert, staff: BERT } : { desk: anna, staff: ANNA };
    expect(handover?.claimed?.by).toEqual(winner.staff);

    const updated = updatesOf(winner.desk, post.id);
    expect(updated).toHaveLength(1);
    expect(textOfCall(updated[0])).toContain(`Opgepakt door ${winner.staff.name}`);
    expect(textOfCall(updated[0])).not.toContain('wie pakt dit op');
    expect(cardButtons(cardOfCall(updated[0])).map((b) => b.title)).toEqual(['Verder in mijn chat', 'Afgehandeld']);
    expect(updatesOf(loser.desk, post.id)).toEqual([]);

    const told = personalMessages(loser.desk, loser.staff);
    expect(told.map(textOfCall)).toEqual([expect.stringContaining(`is al opgepakt door ${winner.staff.name}`)]);
    expect(personalMessages(winner.desk, winner.staff)).toEqual([]);
  });

  it('the card still shows who got the case when that colleague\'s turn has to run again after another turn saved the thread first', async () => {
    const memory = new MemoryStore();
    const store = new ConflictOnce(memory);
    const { post, caseId } = await unresolvedCaseInChannel(store);
    const anna = colleague(store, post, ANNA);
    // Anna's claim is written; then saving her turn finds the channel thread changed by someone else, so her turn runs again.
    store.conflictOnNextWrite((key) => key.includes(post.conversationId));
    await clickOn(anna, cardOfCall(post), 'Ik pak dit op', post.id);
    expect(store.conflicts).toBe(1);
    expect((await boardOf(store).get(TEAM.id, caseId))?.claimed?.by).toEqual(ANNA);
    expect(updatesOf(anna, post.id).map(textOfCall)).toEqual([expect.stringContaining(`Opgepakt door ${ANNA.name}`)]);
  });

  it('the one who picked it up marks it "Afgehandeld" with a note (masked); a later "Ik pak dit op" is told it was handled', async () => {
    const store = new MemoryStore();
    const { post } = await unresolvedCaseInChannel(store);
    const anna = colleague(store, post, ANNA);
    await clickOn(anna, cardOfCall(post), 'Ik pak dit op', post.id);
    const claimedCard = cardOfCall(updatesOf(anna, post.id)[0]);

    await clickOn(anna, claimedCard, 'Afgehandeld', post.id, { note: 'Klant gebeld op 0612345678, kan weer inloggen' });
    const handled = updatesOf(anna, post.id).at(-1);
    expect(textOfCall(handled)).toContain(`✔ Afgehandeld door ${ANNA.name}`);
    expect(textOfCall(handled)).toContain('Notitie bij afhandeling: Klant gebeld op [nummer verwijderd], kan weer inloggen');
    expect(cardButtons(cardOfCall(handled))).toEqual([]);

    const bert = colleague(store, post, BERT);
    await clickOn(bert, cardOfCall(post), 'Ik pak dit op', post.id);
    expect(personalMessages(bert, BERT).map(textOfCall)).toEqual([expect.stringContaining(`is al afgehandeld door ${ANNA.name}`)]);
  });

  it('only the one who picked it up can go on with it: Bert clicking "Verder in mijn chat" is told Anna has it', async () => {
    const store = new MemoryStore();
    const { post } = await unresolvedCaseInChannel(store);
    const anna = colleague(store, post, ANNA);
    await clickOn(anna, cardOfCall(post), 'Ik pak dit op', post.id);
    const bert = colleague(store, post, BERT);
    await clickOn(bert, cardOfCall(updatesOf(anna, post.id)[0]), 'Verder in mijn chat', post.id);
    expect(personalMessages(bert, BERT).map(textOfCall)).toEqual([`Alleen ${ANNA.name} kan verder met de casus 'Proefflow': die heeft hem opgepakt.`]);
  });

  it('Anna continues the case in her own chat where it stopped, finishes it there, and her summary names both of them', async () => {
    const store = new MemoryStore();
    const { post } = await unresolvedCaseInChannel(store);
    const anna = colleague(store, post, ANNA);
    await clickOn(anna, cardOfCall(post), 'Ik pak dit op', post.id);
    await clickOn(anna, cardOfCall(updatesOf(anna, post.id)[0]), 'Verder in mijn chat', post.id);

    // The channel card says she goes on in her own chat.
    expect(textOfCall(updatesOf(anna, post.id).at(-1))).toContain(`Opgepakt door ${ANNA.name}`);
    expect(textOfCall(updatesOf(anna, post.id).at(-1))).toContain('gaat verder in de eigen chat');

    // Her own chat: who she takes over from, the note, and the question the case ended after.
    const chat = personalMessages(anna, ANNA);
    expect(chat.map(textOfCall)).toEqual([
      "Je neemt de casus 'Proefflow' over van Balie Medewerker. Je gaat verder bij stap 3; de eerdere antwoorden staan al in de casus.",
      'Notitie van Balie Medewerker: Klant komt morgen terug, mail [e-mailadres verwijderd]',
      expect.stringContaining('Proefflow · stap 3'),
    ]);
    const stepCard = cardOfCall(chat[2]);
    expect(cardText(stepCard)).toContain('Zijn er nu rechten?');

    // She clicks on in her own chat: it is her case now.
    const own = new DeskDriver({ flowsDir: FIXTURE, store, conversationId: `a:personal-${ANNA.id}`, staff: ANNA });
    const end = await clickOn(own, stepCard, 'Nu wel rechten', chat[2]?.id ?? '');
    const summary = textOf(end);
    expect(summary).toContain('Opgelost');
    expect(summary).toContain(`Medewerker\n${ANNA.name}`);
    expect(summary).toContain('Overgenomen van Balie Medewerker');
    expect(summary).toContain('Notitie van Balie Medewerker: Klant komt morgen terug, mail [e-mailadres verwijderd]');
    expect(summary).toContain('1. Eerste vraag — **Geen rechten**');
    expect(summary).toContain('3. Controle — **Nu wel rechten**');
  });

  it('clicking "Verder in mijn chat" again does not start the case twice: her chat shows where she is', async () => {
    const store = new MemoryStore();
    const { post } = await unresolvedCaseInChannel(store);
    const anna = colleague(store, post, ANNA);
    await clickOn(anna, cardOfCall(post), 'Ik pak dit op', post.id);
    const claimed = cardOfCall(updatesOf(anna, post.id)[0]);
    await clickOn(anna, claimed, 'Verder in mijn chat', post.id);
    await clickOn(anna, claimed, 'Verder in mijn chat', post.id);
    const chat = personalMessages(anna, ANNA).map(textOfCall);
    expect(chat.filter((t) => t.startsWith('Je neemt de casus'))).toHaveLength(1);
    expect(chat.at(-2)).toBe('Met deze casus ben je al verder gegaan; hier is waar je nu bent:');
    expect(chat.at(-1)).toContain('Proefflow · stap 3');
  });
});

describe("'@Baliewijzer open casussen' in the team channel", () => {
  const mention = '<at>Baliewijzer</at>';
  const askInChannel = (desk: DeskDriver, text: string) =>
    desk.send({
      type: 'message',
      text: `${mention} ${text}`,
      entities: [{ type: 'mention', text: mention, mentioned: { id: 'bot-1', name: 'Baliewijzer' } }],
      channelData: { team: TEAM, channel: { id: TEAM.id, name: 'Algemeen' }, tenant: { id: TENANT } },
    } satisfies Partial<Activity>);

  it('lists the unresolved cases nobody picked up, each with "Ik pak dit op", and no longer the one Anna took', async () => {
    const store = new MemoryStore();
    const first = await unresolvedCaseInChannel(store);
    const second = await unresolvedCaseInChannel(store);
    const general = new DeskDriver({ flowsDir: FIXTURE, store, conversationType: 'channel', conversationId: `${TEAM.id};messageid=ask`, staff: BERT });

    const listed = await askInChannel(general, 'open casussen');
    expect(listed).toHaveLength(1);
    expect(listed[0]?.text).toContain('Open casussen (2)');
    expect(cardButtons(listed[0]?.card).filter((b) => b.title === 'Ik pak dit op')).toHaveLength(2);

    // Anna claims the second one from the list; the summary card in its own thread says so.
    const anna = new DeskDriver({ flowsDir: FIXTURE, store, conversationType: 'channel', conversationId: `${TEAM.id};messageid=ask`, staff: ANNA });
    const secondButton = cardButtons(listed[0]?.card).find((b) => JSON.stringify(b.data).includes(second.caseId));
    await anna.submit(secondButton?.data, listed[0]?.activity.id);
    expect(updatesOf(anna, second.post.id).map(textOfCall)).toEqual([expect.stringContaining(`Opgepakt door ${ANNA.name}`)]);

    const again = await askInChannel(general, 'open casussen');
    expect(again[0]?.text).toContain('Open casussen (1)');
    expect(JSON.stringify(again[0]?.card)).toContain(first.caseId);
    expect(JSON.stringify(again[0]?.card)).not.toContain(second.caseId);
  });

  it('says where to ask when typed in a personal chat', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    expect(textOf(await desk.say('open casussen'))).toContain("typ daar '@Baliewijzer open casussen'");
  });
});
