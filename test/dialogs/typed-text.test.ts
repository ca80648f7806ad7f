import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/storage/memory-store.js';
import { CONVERSATION_PREFIX } from '../../src/turn/conversation-state.js';
import type { Store } from '../../src/storage/store.js';
import { STATISTICS_PREFIX } from '../../src/statistics/statistics-store.js';
import { UNRECOGNISED_PREFIX } from '../../src/statistics/unrecognised-phrases.js';
import { botButtons, cardOf, cardText } from '../support/card-text.js';
import { DeskDriver, textOf, type Reply } from '../support/desk-driver.js';
import { sayInChannel, teamChannel } from '../statistics/channel-desk.js';

/** The titles of the buttons on the turn's cards that send something to the bot. */
const buttons = (replies: readonly Reply[]): string[] => replies.flatMap((r) => (r.card === undefined ? [] : botButtons(r.card).map((b) => b.title ?? '')));

async function stored(store: Store, prefix: string): Promise<Record<string, unknown>[]> {
  const values: Record<string, unknown>[] = [];
  for await (const listed of store.list(prefix)) {
    const item = await store.read(listed.key);
    if (item) values.push({ ...item.value });
  }
  return values;
}

describe('typing a symptom that one step handles starts the case there (deep entry)', () => {
  it('asks the colleague question first, says where the case started, and "Gewone klant" continues at that step', async () => {
    const desk = new DeskDriver();
    const first = await desk.say('resetmail komt niet aan');
    expect(textOf(first)).toContain('Klant kan niet inloggen · stap 1');
    expect(textOf(first)).toContain('Is de klant een collega of vrijwilliger?');
    expect(textOf(first)).toContain('Gestart bij: Geen resetmail: spambox en herstel-e-mailadres');
    expect(textOf(first)).toContain('Niet wat je zocht?');
    expect(buttons(first)).toEqual(expect.arrayContaining(['Gewone klant', 'Vanaf het begin', 'Vorige stap', 'Kies uit de lijst']));

    const entry = await desk.click('Gewone klant');
    expect(textOf(entry)).toContain('Klant kan niet inloggen · stap 2');
    expect(textOf(entry)).toContain('Geen resetmail: spambox en herstel-e-mailadres');
    expect(textOf(entry)).toContain('Gestart bij: Geen resetmail');
    // "Kies uit de lijst" is only on the first card.
    expect(buttons(entry)).not.toContain('Kies uit de lijst');
  });

  it('goes back from the entry step to the colleague question, then to the menu, without a summary', async () => {
    const desk = new DeskDriver();
    await desk.say('resetmail komt niet aan');
    await desk.click('Gewone klant');
    expect(textOf(await desk.click('Vorige stap'))).toContain('Is de klant een collega of vrijwilliger?');
    const menu = await desk.click('Vorige stap');
    expect(textOf(menu)).toContain('Waar loopt de klant tegenaan?');
    expect(textOf(menu)).not.toContain('Samenvatting van de casus');
    // The case is closed: its old buttons change nothing.
    expect(textOf(await desk.click('Gewone klant'))).toContain('al is afgesloten');
  });

  it('"Vanaf het begin" starts the same procedure at the top, "Opnieuw" at the same step', async () => {
    const desk = new DeskDriver();
    await desk.say('wachtwoord werkt niet meer, klant wil een nieuw wachtwoord');
    const again = await desk.click('Opnieuw');
    expect(textOf(again)).toContain('Gestart bij: Laat de klant het wachtwoord resetten');
    const top = await desk.click('Vanaf het begin');
    expect(textOf(top)).toContain('Eerst zelf een nieuw wachtwoord of een nieuwe gebruikersnaam aanvragen');
    expect(textOf(top)).not.toContain('Gestart bij');
  });

  it('records the entry step in the statistics and on the summary', async () => {
    const store = new MemoryStore();
    const desk = new DeskDriver({ store });
    await desk.say('resetmail komt niet aan');
    await desk.click('Gewone klant');
    await desk.click('Mail nu ontvangen');
    const end = await desk.click('Inloggen lukt');
    expect(textOf(end)).toContain('Gestart bij: Geen resetmail: spambox en herstel-e-mailadres');
    const [record] = await stored(store, STATISTICS_PREFIX);
    expect(record).toMatchObject({ flowId: 'klant-kan-niet-inloggen', entry: 'herstel-email', path: ['collega-check', 'herstel-email', 'controle-na-reset', 'gelukt'], ending: 'opgelost' });
  });
});

describe('"Bedoel je …?" when two or three procedures are close', () => {
  it('offers them with a line each, and a click starts the one chosen', async () => {
    const desk = new DeskDriver();
    const offer = await desk.say('geen rechten');
    expect(textOf(offer)).toContain('Bedoel je een van deze?');
    const options = buttons(offer).filter((b) => b !== 'Kies uit de lijst');
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options.length).toBeLessThanOrEqual(3);
    expect(options).toContain('Klant kan geen e-books lenen');
    // Each option says where it starts: here both are steps with rights in their title.
    expect(textOf(offer)).toContain("Begint bij de stap 'Geen rechten: autoriseer het inlogaccount'.");
    expect(textOf(offer)).toContain("Begint bij de stap 'Controleer de rechten'.");
    const started = await desk.click('Klant kan geen e-books lenen');
    expect(textOf(started)).toContain('Klant kan geen e-books lenen · stap 1');
    expect(textOf(started)).toContain('Gestart bij: Controleer de rechten');
    // Chosen from a list already: no "Niet wat je zocht?".
    expect(textOf(started)).not.toContain('Niet wat je zocht?');
    // The offer is closed: it says what was chosen and has no buttons left.
    const closedOffer = desk.updates.map((u) => cardOf(u)).find((card) => card !== undefined && cardText(card).includes('Bedoel je een van deze?'));
    expect(closedOffer && cardText(closedOffer)).toContain('✔ Gekozen: Klant kan geen e-books lenen');
    expect(closedOffer && botButtons(closedOffer)).toEqual([]);
  });

  it('a second click on the option that started the case goes on with the case, without stopping it', async () => {
    const store = new MemoryStore();
    const desk = new DeskDriver({ store });
    await desk.say('geen rechten');
    await desk.click('Klant kan geen e-books lenen');
    await desk.click('Gewone klant');
    // The "Bedoel je" card as first sent, clicked again (a double click, or a client that kept the old card).
    const again = await desk.click('Klant kan geen e-books lenen');
    expect(textOf(again)).toContain('Klant kan geen e-books lenen · stap 2');
    expect(textOf(again)).not.toContain('gestopt');
    expect(await stored(store, STATISTICS_PREFIX)).toEqual([]);
  });

  it('in a group chat the options belong to who typed: a colleague\'s click is refused and starts nothing', async () => {
    const store = new MemoryStore();
    const chat = { store, conversationType: 'groupChat', conversationId: '19:balie@thread.v2' };
    const anna = new DeskDriver({ ...chat, staff: { id: 'anna', name: 'Anna' } });
    const bram = new DeskDriver({ ...chat, staff: { id: 'bram', name: 'Bram' } });
    const mention = '<at>Baliewijzer</at>';
    await anna.send({ type: 'message', text: `${mention} geen rechten`, entities: [{ type: 'mention', text: mention, mentioned: { id: 'bot-1', name: 'Baliewijzer' } }] });
    bram.transcript.push(...anna.transcript);
    const refused = await bram.click('Klant kan geen e-books lenen');
    expect(textOf(refused)).toBe('Deze casus is van Anna. Typ @Baliewijzer om zelf te beginnen.');
    expect(bram.updates).toEqual([]);
    expect(textOf(await anna.click('Klant kan geen e-books lenen'))).toContain('Klant kan geen e-books lenen · stap 1');
  });
});

describe('small talk', () => {
  it('greets back with the menu and answers thanks, and counts neither as unrecognised', async () => {
    const store = new MemoryStore();
    const desk = new DeskDriver({ store });
    const hello = await desk.say('Goedemorgen!');
    expect(textOf(hello)).toContain('Hallo! Waar loopt de klant tegenaan?');
    expect(buttons(hello)).toContain('Klant kan niet inloggen');
    expect(textOf(await desk.say('dank je wel'))).toContain('Graag gedaan!');
    expect(await stored(store, UNRECOGNISED_PREFIX)).toEqual([]);
  });
});

describe('typing during a case', () => {
  it('typing the text of a button clicks it', async () => {
    const desk = new DeskDriver();
    await desk.say('menu');
    await desk.click('Klant kan niet inloggen');
    const typed = await desk.say('lukt niet');
    expect(textOf(typed)).toContain('Gekozen: Lukt niet');
    expect(textOf(typed)).toContain('Klant kan niet inloggen · stap 2');
    expect(textOf(typed)).toContain('Is de klant een collega of vrijwilliger?');
    expect(textOf(await desk.say('gewone klant'))).toContain('Check de inlogaccount-rechten');
  });

  it('typing another problem offers a new case; going on keeps the case, choosing the new one stops it', async () => {
    const store = new MemoryStore();
    const desk = new DeskDriver({ store });
    await desk.say('menu');
    await desk.click('Klant kan niet inloggen');
    await desk.say('lukt niet');
    const offer = await desk.say('kind kan geen e-books lenen');
    expect(textOf(offer)).toContain("Je bent bezig met 'Klant kan niet inloggen', stap 2.");
    expect(textOf(offer)).toContain('Nieuwe casus:');
    expect(buttons(offer)).toEqual(['Klant kan geen e-books lenen', 'Verder met de huidige casus']);

    const resumed = await desk.click('Verder met de huidige casus');
    expect(textOf(resumed)).toContain('Klant kan niet inloggen · stap 2');
    // The offer is closed: it says what was chosen and has no buttons left.
    const closedOffer = desk.updates.map((u) => cardOf(u)).find((card) => card !== undefined && cardText(card).includes('Een ander probleem?'));
    expect(closedOffer && cardText(closedOffer)).toContain('✔ Gekozen: Verder met de huidige casus');
    expect(closedOffer && botButtons(closedOffer)).toEqual([]);
    expect(await stored(store, STATISTICS_PREFIX)).toEqual([]);

    await desk.say('kind kan geen e-books lenen');
    const switched = await desk.click('Klant kan geen e-books lenen');
    expect(textOf(switched)).toContain("De casus 'Klant kan niet inloggen' is gestopt.");
    expect(textOf(switched)).toContain('Samenvatting van de casus');
    expect(textOf(switched)).toContain('Klant kan geen e-books lenen · stap 1');
    expect(await stored(store, STATISTICS_PREFIX)).toEqual([expect.objectContaining({ flowId: 'klant-kan-niet-inloggen', ending: 'gestopt' })]);
  });

  it('"Verder met de huidige casus" closes the offer, not the step card above it, also when the step card\'s id was never kept', async () => {
    const store = new MemoryStore();
    const desk = new DeskDriver({ store });
    await desk.say('menu');
    await desk.click('Klant kan niet inloggen');
    await desk.say('lukt niet');
    await desk.say('kind kan geen e-books lenen');
    // As after a crash between sending the step card and writing down its id.
    for await (const { key } of store.list(CONVERSATION_PREFIX)) {
      const stored = await store.read(key);
      const value = stored?.value;
      if (stored && typeof value === 'object' && value !== null && !Array.isArray(value) && 'liveCard' in value) {
        const { liveCard, ...rest } = value;
        const intent = typeof liveCard === 'object' && liveCard !== null && 'intent' in liveCard ? liveCard.intent : undefined;
        await store.write(key, { ...rest, liveCard: { intent } }, { ifMatch: stored.eTag });
      }
    }
    const offerId = desk.transcript.at(-1)?.activity.id;
    await desk.click('Verder met de huidige casus');
    const offerUpdates = desk.updates.filter((u) => u.id === offerId).map((u) => cardText(cardOf(u) ?? {}));
    expect(offerUpdates).toEqual([expect.stringContaining('✔ Gekozen: Verder met de huidige casus')]);
  });

  it('typing something that is neither reminds where the case stands', async () => {
    const desk = new DeskDriver();
    await desk.say('menu');
    await desk.click('Klant kan niet inloggen');
    const reminded = await desk.say('de printer is stuk');
    expect(textOf(reminded)).toContain("Je bent bezig met 'Klant kan niet inloggen', stap 1.");
    expect(textOf(reminded)).toContain('Eerst zelf een nieuw wachtwoord');
  });
});

describe('learning from what the bot did not recognise', () => {
  it('keeps the phrase masked, counts it per day, and lists it in statistieken', async () => {
    const store = new MemoryStore();
    const now = () => new Date('2026-03-02T10:00:00Z');
    const desk = new DeskDriver({ store, now });
    const typed = 'De printer is stuk, zegt mevrouw Jansen (06-12345678, anna@example.nl)';
    expect(textOf(await desk.say(typed))).toContain('Dat probleem herken ik niet');
    await desk.say(typed);
    await desk.say('kopieerapparaat heeft geen papier');
    const phrases = await stored(store, UNRECOGNISED_PREFIX);
    expect(phrases).toHaveLength(2);
    expect(phrases).toContainEqual(expect.objectContaining({ phrase: 'de printer is stuk, zegt mevrouw [naam verwijderd] ([nummer verwijderd], [e-mailadres verwijderd])', count: 2, day: '2026-03-02' }));
    expect(JSON.stringify(phrases)).not.toMatch(/Jansen|12345678|anna@/);

    const channel = teamChannel({ flowsDir: 'flows', store, now });
    const card = textOf(await sayInChannel(channel, 'statistieken'));
    expect(card).toContain('Niet herkend: wat het vaakst getypt werd');
    expect(card).toContain('2× de printer is stuk, zegt mevrouw [naam verwijderd]');
    expect(card.indexOf('2× de printer')).toBeLessThan(card.indexOf('1× kopieerapparaat heeft geen papier'));
  });
});

describe('"Doorverwijzen" to another procedure', () => {
  it('gives a button that starts it at the right step, and the summary names where it went', async () => {
    const store = new MemoryStore();
    const desk = new DeskDriver({ store });
    await desk.say('menu');
    await desk.click('Foutmelding LOGOUT_DETECTED');
    const end = await desk.click('Lukt nog niet');
    expect(textOf(end)).toContain("Verder in het stappenplan 'Klant kan niet inloggen', bij de stap 'Check de inlogaccount-rechten':");
    expect(textOf(end)).toContain('Doorverwezen naar: Klant kan niet inloggen › Check de inlogaccount-rechten');
    const next = await desk.click('Klant kan niet inloggen');
    expect(textOf(next)).toContain('Klant kan niet inloggen · stap 1');
    expect(textOf(next)).toContain('Is de klant een collega of vrijwilliger?');
    expect(textOf(next)).toContain('Gestart bij: Check de inlogaccount-rechten');
    expect(textOf(await desk.click('Gewone klant'))).toContain('Open bij de klant in Wise het scherm Toon inlogaccount-rechten.');
  });
});
