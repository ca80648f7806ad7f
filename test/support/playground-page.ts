import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Long enough for a 2-core CI machine running other test files at the same time. */
export const UI_TIMEOUT_MS = 30_000;

/**
 * A staff member in the Microsoft 365 Agents Playground's web UI: open a chat, type, @mention
 * Baliewijzer, click a card button, and take screenshots. Every step waits for visible text.
 */
export class PlaygroundPage {
  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {
    mkdirSync(screenshotDir, { recursive: true });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
  }

  /** Opens a chat or channel from the list on the left ("Personal Chat", "Balie Assen", /General/). */
  async open(chat: string | RegExp): Promise<void> {
    await this.page.getByRole('treeitem', { name: chat }).click();
  }

  /** The log panel is for developers (staff in Teams do not see it); the playground opens it again now and then. */
  async hideLogPanel(): Promise<void> {
    const hide = this.page.getByRole('button', { name: 'Hide log panel' });
    if (await hide.isVisible()) await hide.click();
  }

  /** Types a message in a chat (Enter sends), or starts a new post in a channel. */
  async say(text: string): Promise<void> {
    const compose = await this.composeBox();
    await compose.box.click();
    await this.page.keyboard.type(text);
    await compose.send();
  }

  /** "@Baliewijzer <text>": the mention is picked from the playground's suggestion list, as in Teams. */
  async mention(text: string): Promise<void> {
    const compose = await this.composeBox();
    await compose.box.click();
    await this.page.keyboard.type('@');
    await this.page.getByRole('menuitem', { name: /Baliewijzer/ }).click();
    await this.page.keyboard.type(` ${text}`);
    await compose.send();
  }

  /**
   * Clicks the card button titled `title` (exactly one may be on screen: answered cards lose
   * their buttons) and waits until the bot has updated that card to show the answer as chosen.
   */
  async click(title: string): Promise<void> {
    const chosen = this.page.getByText(`Gekozen: ${title}`, { exact: false });
    const before = await chosen.count();
    await this.button(title).click();
    await this.until(async () => (await chosen.count()) > before, `the card to show "Gekozen: ${title}"`);
  }

  /** Clicks the card button titled `title` and waits until `text` shows (the clicked card's closed form, "↩ Teruggegaan"). */
  async clickAndSee(title: string, text: string, within?: Locator): Promise<void> {
    const shown = this.page.getByText(text, { exact: false });
    const before = await shown.count();
    await (within ?? this.page).getByRole('button', { name: title, exact: true }).last().click();
    await this.until(async () => (await shown.count()) > before, `"${text}" to show`);
  }

  /**
   * The cards of cases that still have buttons for the bot (not the links, whose titles end in
   * "↗"), by their first two lines: a case's one live card, as the staff member sees it.
   */
  async liveCaseCards(): Promise<string[]> {
    return this.page.locator('.ac-adaptiveCard').evaluateAll((cards) =>
      cards
        .filter((card) => (card.textContent ?? '').includes(' · stap ') && [...card.querySelectorAll('button')].some((b) => !(b.textContent ?? '').trim().endsWith('↗')))
        .map((card) => [...card.querySelectorAll('.ac-textBlock')].slice(0, 2).map((t) => (t.textContent ?? '').trim()).join(' / ')),
    );
  }

  /**
   * Runs `act` as another member of the chat: the playground's web client always acts as its
   * configured user, but its server takes the user a card click (adaptiveCard/action invoke) names,
   * so the client's invoke requests are sent naming `userId` instead, as that member's Teams would.
   * A click resolves once it is dispatched, before the client sends its request: the rewrite stays
   * in place until the request has been through it (else, on a busy machine, the click went out
   * as the configured user after all).
   */
  async asMember(userId: string, act: () => Promise<void>): Promise<void> {
    let markSent: (() => void) | undefined;
    const sent = new Promise<void>((resolve) => {
      markSent = resolve;
    });
    await this.page.route('**/_conversation/v1/invoke', async (route) => {
      const body: unknown = route.request().postDataJSON();
      await route.continue(typeof body === 'object' && body !== null ? { postData: JSON.stringify({ ...body, from: { id: userId } }) } : {});
      markSent?.();
    });
    try {
      await act();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the click as ${userId} sent no card action within ${UI_TIMEOUT_MS} ms`)), UI_TIMEOUT_MS);
      });
      await Promise.race([sent, late]).finally(() => clearTimeout(timer));
    } finally {
      await this.page.unroute('**/_conversation/v1/invoke');
    }
  }

  /**
   * "@Baliewijzer <text>" from another member of the chat, through the playground's Custom
   * activity (Mock an Activity menu), which sends an activity as anyone: its template for the
   * chat, from that member.
   */
  async mentionAs(member: { readonly id: string; readonly name: string; readonly aadObjectId: string }, conversationId: string, text: string): Promise<void> {
    const origin = new URL(this.page.url()).origin;
    const template = await this.page.request.get(`${origin}/_internal/v1/customActivities/template`, { params: { conversationId } });
    const base: unknown = await template.json();
    if (typeof base !== 'object' || base === null) throw new Error(`no custom activity template for ${conversationId}`);
    const bot: unknown = Reflect.get(base, 'recipient');
    const sent = await this.page.request.post(`${origin}/_internal/v1/customActivities`, {
      data: { ...base, type: 'message', from: member, text: `<at>Baliewijzer</at> ${text}`, entities: [{ type: 'mention', text: '<at>Baliewijzer</at>', mentioned: bot }] },
    });
    if (!sent.ok()) throw new Error(`the playground refused the custom activity: ${sent.status()}`);
  }

  /** The one button with exactly this title; waits until it is visible. */
  button(title: string): Locator {
    return this.page.getByRole('button', { name: title, exact: true });
  }

  /** Waits until `text` is visible somewhere (the newest occurrence). */
  async see(text: string): Promise<Locator> {
    const found = this.page.getByText(text).last();
    await found.waitFor({ state: 'visible' });
    return found;
  }

  /** The rendered Adaptive Card that contains `text`. */
  card(text: string): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  }

  /** Saves `<name>.png` of the window, or of one element (scrolled into view) when given, without the log panel. */
  async screenshot(name: string, element?: Locator): Promise<string> {
    const path = join(this.screenshotDir, `${name}.png`);
    await this.hideLogPanel();
    if (element) {
      await element.scrollIntoViewIfNeeded();
      await element.screenshot({ path });
    } else {
      await this.page.screenshot({ path });
    }
    return path;
  }

  /** Polls `check` until it holds; fails after UI_TIMEOUT_MS naming what it waited for. */
  private async until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`waited ${UI_TIMEOUT_MS / 1000} s for ${what}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** A channel has a "Start a new post" box with a Post button; a chat has one message box (Enter sends). Call once the chat is on screen. */
  private async composeBox(): Promise<{ box: Locator; send: () => Promise<void> }> {
    const post = this.page.getByRole('button', { name: 'Post', exact: true });
    if ((await post.count()) > 0) {
      const newPost = this.page.getByRole('group').filter({ has: post });
      return { box: newPost.getByRole('textbox'), send: () => post.click() };
    }
    return { box: this.page.getByRole('textbox'), send: () => this.page.keyboard.press('Enter') };
  }
}
