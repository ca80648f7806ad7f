import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { listen, type RunningServer } from '../../src/server.js';
import { botButtons } from '../support/card-text.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpDesk, textOf, type HttpReply } from '../support/http-desk.js';
import { silentLogger } from '../support/logs.js';

/** The buttons a staff member can click on the cards the bot posted this turn. */
const buttons = (replies: readonly HttpReply[]): string[] =>
  replies.filter((r) => r.call.method === 'POST').flatMap((r) => (r.card === undefined ? [] : botButtons(r.card).map((b) => b.title)));

/**
 * Typing instead of clicking, over real HTTP with the seed flows: the staff member types in Teams,
 * the bot answers through the (fake) Bot Connector. One conversation per test.
 */
describe('typed text over real HTTP (issue 12)', () => {
  const connector = new FakeConnector();
  let serviceUrl = '';
  let bot: RunningServer;
  let conversations = 0;
  const staff = (): HttpDesk => new HttpDesk(bot.url, connector, serviceUrl, { id: `e2e-typed-${++conversations}`, conversationType: 'personal' });

  beforeAll(async () => {
    serviceUrl = await connector.start();
    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', FLOWS_DIR: 'flows', LOG_LEVEL: 'silent', STORAGE: 'memory', PACE_OUTGOING: 'off' });
    bot = await listen(buildApp(config, silentLogger()).server, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await bot.close();
    await connector.stop();
  });

  it('deep entry: "resetmail komt niet aan" asks the colleague question, then goes straight to the spam box step', async () => {
    const desk = staff();
    const first = await desk.say('resetmail komt niet aan');
    expect(textOf(first)).toContain('Klant kan niet inloggen · stap 1');
    expect(textOf(first)).toContain('Gestart bij: Geen resetmail: spambox en herstel-e-mailadres');
    expect(buttons(first)).toEqual(expect.arrayContaining(['Klant is collega', 'Klant is vrijwilliger', 'Gewone klant', 'Vanaf het begin', 'Kies uit de lijst']));
    const entry = await desk.click('Gewone klant');
    expect(entry.find((r) => r.call.method === 'PUT')?.text).toContain('Gekozen: Gewone klant');
    expect(textOf(entry.filter((r) => r.call.method === 'POST'))).toContain('Klant kan niet inloggen · stap 2\nGeen resetmail: spambox en herstel-e-mailadres');
  });

  it('"Bedoel je …?": "geen rechten" offers two or three procedures, and clicking one starts it', async () => {
    const desk = staff();
    const offer = await desk.say('geen rechten');
    expect(textOf(offer)).toContain('Bedoel je een van deze?');
    const options = buttons(offer).filter((b) => b !== 'Kies uit de lijst');
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options.length).toBeLessThanOrEqual(3);
    expect(options).toEqual(expect.arrayContaining(['Klant kan niet inloggen', 'Klant kan geen e-books lenen']));
    const started = await desk.click('Klant kan niet inloggen');
    expect(textOf(started)).toContain('Gestart bij: Geen rechten: autoriseer het inlogaccount');
    expect(textOf(await desk.click('Gewone klant'))).toContain('Geen rechten: autoriseer het inlogaccount');
  });

  it('a greeting gets a greeting and the menu', async () => {
    const desk = staff();
    const hello = await desk.say('hoi');
    expect(hello).toHaveLength(1);
    expect(textOf(hello)).toContain('Hallo! Waar loopt de klant tegenaan?');
    expect(buttons(hello)).toEqual(['Klant kan niet inloggen', 'Klant kan geen e-books lenen', 'Foutmelding LOGOUT_DETECTED', 'Inactief inlogaccount', "Stroomschema's inloggen"]);
  });

  it('typing the text of a button clicks it', async () => {
    const desk = staff();
    await desk.say('menu');
    await desk.click('Klant kan niet inloggen');
    const typed = await desk.say('werkt niet');
    expect(textOf(typed)).toContain('Gekozen: Lukt niet');
    expect(textOf(typed)).toContain('Klant kan niet inloggen · stap 2\nKlant, collega of vrijwilliger?');
  });

  it('a different problem typed mid-case offers a new case; choosing it stops the current one', async () => {
    const desk = staff();
    await desk.say('menu');
    await desk.click('Inactief inlogaccount');
    await desk.click('Gewone klant');
    const offer = await desk.say('klant krijgt AUTHENTICATION.LOGOUT_DETECTED');
    expect(textOf(offer)).toContain("Je bent bezig met 'Inactief inlogaccount', stap 2. Begin je een nieuwe casus, dan stopt deze.");
    expect(buttons(offer)).toEqual(['Foutmelding LOGOUT_DETECTED', 'Verder met de huidige casus']);
    const switched = await desk.click('Foutmelding LOGOUT_DETECTED');
    // The offer itself is closed: it says what was chosen and can not be taken twice.
    const closedOffer = switched.find((r) => r.call.method === 'PUT' && r.text.includes('Een ander probleem?'));
    expect(closedOffer?.text).toContain('✔ Gekozen: Foutmelding LOGOUT_DETECTED');
    expect(closedOffer?.card && botButtons(closedOffer.card)).toEqual([]);
    expect(textOf(switched)).toContain("De casus 'Inactief inlogaccount' is gestopt.");
    expect(textOf(switched)).toContain('Samenvatting van de casus');
    expect(textOf(switched)).toContain('Foutmelding LOGOUT_DETECTED · stap 1');
  });
});
