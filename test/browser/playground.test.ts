import { rmSync } from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaygroundSession, type PlaygroundSession } from '../../scripts/playground/playground-session.js';
import { freePort } from '../../scripts/playground/ports.js';
import { fill, loadMessages } from '../../src/cards/messages.js';
import { connectChromium } from '../support/browser.js';
import { PlaygroundPage, UI_TIMEOUT_MS } from '../support/playground-page.js';

/** Screenshots for a person to look at (git-ignored). */
const SCREENSHOTS = 'test-results/playground';
const TEST_TIMEOUT_MS = 150_000;

const messages = loadMessages('cards');
/** A second member of the group chat and team, from scripts/playground/playground-context.yml. */
const COLLEAGUE = { id: '29:collega-1', name: 'Collega Een', aadObjectId: '00000000-0000-0000-0000-000000000021' };
const GROUP_CHAT_ID = '19:balie-groepschat@thread.v2';

/**
 * The whole chain a developer uses with `npm run playground`: the real bot as a child process,
 * the Microsoft 365 Agents Playground, and headless Chromium clicking through its web UI. Bot and
 * playground get free ports, so a running dev instance is never in the way.
 */
describe('chatting with Baliewijzer in the Agents Playground, in headless Chromium', () => {
  let session: PlaygroundSession | undefined;
  let browser: Browser | undefined;
  let desk: PlaygroundPage;
  const output: string[] = [];

  beforeAll(async () => {
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    session = await startPlaygroundSession({
      botPort: await freePort(),
      playgroundPort: await freePort(),
      env: { STORAGE: 'memory', LOG_LEVEL: 'warn' },
      onLine: (source, line) => output.push(`[${source}] ${line}`),
      readyTimeoutMs: 90_000,
    });
    browser = await connectChromium();
    // Below about 1300 px the playground folds the chat list away behind a menu button.
    const page = await browser.newPage({ viewport: { width: 1440, height: 1200 } });
    desk = new PlaygroundPage(page, SCREENSHOTS);
    await page.goto(session.playgroundUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await session?.stop();
  });

  /** What the bot and the playground printed, for a failing test's message. */
  const withOutput = async (run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      const shot = await desk.screenshot('failure').catch(() => 'none');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nscreenshot: ${shot}\noutput:\n${output.slice(-40).join('\n')}`);
    }
  };

  it(
    'personal chat: welcome card once; types "Klant kan niet inloggen", clicks Lukt niet, Gewone klant, Geen rechten, sees Autoriseer inlogaccount',
    () =>
      withOutput(async () => {
        await desk.see(messages.welcomeHeading);
        await desk.screenshot('01-personal-chat-welcome-card');

        await desk.say('Klant kan niet inloggen');
        await desk.button('Lukt niet').waitFor();
        await desk.screenshot('02-personal-chat-self-help-card');

        await desk.click('Lukt niet');
        await desk.button('Gewone klant').waitFor();
        await desk.click('Gewone klant');
        await desk.button('Geen rechten').waitFor();
        await desk.screenshot('03-personal-chat-rights-card', desk.card('Check de inlogaccount-rechten'));

        await desk.click('Geen rechten');
        const next = desk.page.locator('.ac-adaptiveCard').last();
        await next.getByText('Autoriseer inlogaccount').first().waitFor();
        await desk.button('Nog steeds geen rechten').waitFor();
        await next.scrollIntoViewIfNeeded();
        await desk.screenshot('04-personal-chat-autoriseer-card');
        await desk.screenshot('05-personal-chat-rights-card-answered', desk.card('✔ Gekozen: Geen rechten'));

        expect(await visibleInChat(desk, messages.welcomeHeading)).toBe(1);
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'team channel: team welcome once; "@Baliewijzer Klant kan niet inloggen" gets the first card in the thread, and its button works without a mention',
    () =>
      withOutput(async () => {
        await desk.open(/General/);
        await desk.see(messages.teamWelcome);
        await desk.screenshot('06-team-channel-welcome');

        await desk.mention('Klant kan niet inloggen');
        await desk.button('Lukt niet').waitFor();
        await desk.screenshot('07-team-channel-mention-answered', thread(desk, 'Klant kan niet inloggen · stap 1'));

        await desk.click('Lukt niet');
        await desk.button('Gewone klant').waitFor();
        await desk.screenshot('08-team-channel-after-click', thread(desk, 'Klant kan niet inloggen · stap 2'));

        expect(await visibleInChat(desk, messages.teamWelcome)).toBe(1);
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'group chat: group welcome once; "@Baliewijzer Klant kan niet inloggen" gets the first card',
    () =>
      withOutput(async () => {
        await desk.open('Balie Assen');
        await desk.see(messages.groupWelcome);
        await desk.mention('Klant kan niet inloggen');
        await desk.button('Lukt niet').waitFor();
        await desk.screenshot('09-group-chat-mention-answered');

        expect(await visibleInChat(desk, messages.groupWelcome)).toBe(1);
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'personal chat: Vorige stap, a typed message and Stop each leave one card with buttons; the cards above show what happened',
    () =>
      withOutput(async () => {
        await desk.open('Personal Chat');
        await expect.poll(() => desk.liveCaseCards(), { timeout: UI_TIMEOUT_MS }).toHaveLength(1);

        await desk.clickAndSee('Vorige stap', messages.closedBack);
        await expect.poll(() => desk.liveCaseCards(), { timeout: UI_TIMEOUT_MS }).toEqual([expect.stringContaining('Check de inlogaccount-rechten')]);
        await desk.screenshot('10-personal-chat-after-back', desk.card(messages.closedBack));

        await desk.say('wat moet ik nu doen');
        await desk.see(messages.closedReshown);
        await desk.button('Geen rechten').waitFor();
        await expect.poll(() => desk.liveCaseCards(), { timeout: UI_TIMEOUT_MS }).toEqual([expect.stringContaining('Check de inlogaccount-rechten')]);
        await desk.screenshot('11-personal-chat-after-typing');

        await desk.clickAndSee('Stop', messages.closedStopped);
        await desk.see('Samenvatting van de casus');
        await expect.poll(() => desk.liveCaseCards(), { timeout: UI_TIMEOUT_MS }).toEqual([]);
        await desk.screenshot('12-personal-chat-after-stop');
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'group chat: a colleague clicking Balie\'s case is told privately whose it is and changes nothing; the colleague runs a case of their own beside it',
    () =>
      withOutput(async () => {
        await desk.open('Balie Assen');
        const balies = desk.card('Casus van Balie Medewerker');
        await balies.getByRole('button', { name: 'Lukt niet', exact: true }).waitFor();

        // Collega Een (a second member in playground-context.yml) clicks Balie's button.
        await desk.asMember(COLLEAGUE.id, () => balies.getByRole('button', { name: 'Lukt niet', exact: true }).click());
        await desk.see(fill(messages.notOwner, { name: 'Balie Medewerker' }));
        await expect.poll(() => desk.liveCaseCards(), { timeout: UI_TIMEOUT_MS }).toEqual(['Klant kan niet inloggen · stap 1 / Casus van Balie Medewerker']);
        await desk.see(fill(messages.notOwner, { name: 'Balie Medewerker' })).then((note) => note.scrollIntoViewIfNeeded());
        await desk.screenshot('13-group-chat-colleague-refused');

        // Collega Een starts a case of their own in the same chat, and works it.
        await desk.mentionAs(COLLEAGUE, GROUP_CHAT_ID, 'Klant kan niet inloggen');
        await desk.see('Casus van Collega Een');
        await desk.asMember(COLLEAGUE.id, () => desk.clickAndSee('Lukt niet', 'Gekozen: Lukt niet', desk.card('Casus van Collega Een')));
        await desk.button('Gewone klant').waitFor();
        await expect.poll(() => desk.liveCaseCards(), { timeout: UI_TIMEOUT_MS }).toEqual(['Klant kan niet inloggen · stap 1 / Casus van Balie Medewerker', 'Klant kan niet inloggen · stap 2 / Casus van Collega Een']);
        await desk.screenshot('14-group-chat-two-cases');

        // Balie's own click still works on Balie's card.
        await desk.clickAndSee('Lukt niet', 'Gekozen: Lukt niet', balies);
        await expect.poll(() => desk.liveCaseCards(), { timeout: UI_TIMEOUT_MS }).toEqual(['Klant kan niet inloggen · stap 2 / Casus van Collega Een', 'Klant kan niet inloggen · stap 2 / Casus van Balie Medewerker']);
        await desk.screenshot('15-group-chat-owner-goes-on');
      }),
    TEST_TIMEOUT_MS,
  );
});

/** A channel post with its replies (the thread), found by text in one of its cards. */
function thread(desk: PlaygroundPage, text: string): Locator {
  return desk.page.getByRole('group').filter({ hasText: text }).last();
}

/** Visible occurrences of `text` in the conversation itself (not the chat list's previews on the left). */
async function visibleInChat(desk: PlaygroundPage, text: string): Promise<number> {
  const all = await desk.page.getByText(text).filter({ visible: true }).count();
  const inList = await desk.page.getByRole('region', { name: 'Chat and Teams Channel' }).getByText(text).filter({ visible: true }).count();
  return all - inList;
}
