import { describe, expect, it } from 'vitest';
import { DeskDriver, textOf } from '../support/desk-driver.js';

const FIXTURE = 'test/fixtures/flows';

describe('a staff member talking to the bot (fixture flow)', () => {
  it('types a trigger phrase and gets the first step as a card with answer buttons', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    const replies = await desk.say('Proef probleem');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('Proefflow · stap 1');
    expect(replies[0]?.text).toContain('Klant → Inlogaccount → Toon inlogaccount-rechten');
    expect(replies[0]?.text).toContain('Rechten aanwezig');
    expect(replies[0]?.text).toContain('Geen rechten');
  });

  it('clicks Geen rechten, sees Autoriseer, and the clicked card is updated to show the answer without buttons', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    await desk.say('proef probleem');
    const replies = await desk.click('Geen rechten');
    expect(textOf(replies)).toContain('Autoriseer inlogaccount');
    expect(textOf(replies)).toContain('stap 2');
    expect(desk.updates).toHaveLength(1);
    const updated = JSON.stringify(desk.updates[0]);
    expect(updated).toContain('Gekozen: Geen rechten');
    expect(updated).not.toMatch(/Action\.(Submit|Execute)/);
  });

  it('answers a click on an older card with an explanation and changes nothing', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    await desk.say('proef probleem');
    const first = desk.transcript[0];
    await desk.click('Geen rechten');
    const staleData = { v: 1, action: 'answer', caseId: 'x', node: 'vraag', step: 1, answer: 'ja' };
    // same case, old step: take the real caseId from the first card
    const firstCard = JSON.stringify(first?.card);
    const caseId = /"caseId":"([^"]+)"/.exec(firstCard)?.[1];
    const replies = await desk.submit({ ...staleData, caseId }, first?.activity.id);
    expect(textOf(replies)).toContain('hoort bij een eerdere stap');
    expect(textOf(replies)).toContain('stap 2');
    // the case is still at step 2: its continue button still works
    const next = await desk.click('Gedaan');
    expect(textOf(next)).toContain('Zijn er nu rechten?');
  });

  it('goes back one step with "terug" and with the Vorige stap button', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    await desk.say('proef probleem');
    await desk.click('Geen rechten');
    expect(textOf(await desk.say('terug'))).toContain('Eerste vraag');
    await desk.click('Geen rechten');
    expect(textOf(await desk.click('Vorige stap'))).toContain('Eerste vraag');
    expect(textOf(await desk.say('TERUG'))).toContain('al bij de eerste stap');
  });

  it('stops a case with "stop" and then treats its old buttons as belonging to a closed case', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    await desk.say('proef probleem');
    const stopped = await desk.say('Stop');
    expect(textOf(stopped)).toContain("'Proefflow' is gestopt");
    const late = await desk.click('Geen rechten');
    expect(textOf(late)).toContain('al is afgesloten');
    expect(textOf(late)).not.toContain('Autoriseer');
  });

  it('starts the flow from an error code typed in a sentence', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    expect(textOf(await desk.say('klant krijgt proef.fout bij inloggen'))).toContain('Eerste vraag');
  });

  it('shows the menu for text it does not recognise, and help on "help"', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    const menu = await desk.say('de printer is kapot');
    expect(textOf(menu)).toContain('herken ik niet');
    expect(textOf(menu)).toContain('Proefflow');
    expect(textOf(await desk.say('Help'))).toContain('Zo werkt Baliewijzer');
  });

  it('reaches an end card with the outcome and a Nieuwe casus button', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    await desk.say('proef probleem');
    const end = await desk.click('Rechten aanwezig');
    expect(textOf(end)).toContain('Opgelost');
    expect(textOf(end)).toContain('Nieuwe casus');
    expect(textOf(end)).not.toContain('Vorige stap');
    expect(textOf(await desk.click('Nieuwe casus'))).toContain('Waar loopt de klant tegenaan?');
  });

  it('rejects a forged card value without changing the case', async () => {
    const desk = new DeskDriver({ flowsDir: FIXTURE });
    await desk.say('proef probleem');
    expect(textOf(await desk.submit({ action: 'answer', evil: true }))).toContain('kan ik niet verwerken');
    expect(textOf(await desk.click('Geen rechten'))).toContain('Autoriseer');
  });
});
