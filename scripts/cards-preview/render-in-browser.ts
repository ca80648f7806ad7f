import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { z } from 'zod';

/** What the gallery script found for one card (see gallery.js). */
export const renderResultSchema = z.object({
  name: z.string(),
  problems: z.array(z.string()),
  buttons: z.number(),
  text: z.string(),
  width: z.number(),
});
export type RenderResult = z.infer<typeof renderResultSchema>;

const RENDER_TIMEOUT_MS = 30_000;

/** The Chromium to render in: one to start from its executable, or one already running (the tests share one). */
export type RenderBrowser = { readonly executablePath: string } | { readonly browser: Browser };

/** Where a card's screenshot at one width goes: `<name>.<width>px.png`. */
export const screenshotName = (result: { readonly name: string; readonly width: number }): string => `${result.name}.${result.width}px.png`;

/**
 * Opens the gallery page in headless Chromium, waits until every card is rendered and checked at
 * every width, and returns one result per card and width; with `screenshotsDir`, also one PNG
 * each (see {@link screenshotName}).
 */
export async function renderInBrowser(page: string, options: RenderBrowser & { readonly screenshotsDir?: string }): Promise<RenderResult[]> {
  const browser = 'browser' in options ? options.browser : await chromium.launch({ executablePath: options.executablePath, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  try {
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForSelector('body[data-rendered="done"]', { state: 'attached', timeout: RENDER_TIMEOUT_MS });
    const results = z.array(renderResultSchema).parse(await tab.evaluate('window.previewResults'));
    if (errors.length > 0) results.push({ name: '(pagina)', problems: errors.map((e) => `fout in de pagina: ${e}`), buttons: 0, text: '', width: 0 });
    const dir = options.screenshotsDir;
    if (dir !== undefined) {
      for (const result of results) {
        const frame = tab.locator(`.slot[data-name="${result.name}"] .width[data-width="${result.width}"] .frame`);
        if ((await frame.count()) === 1) await frame.screenshot({ path: join(dir, screenshotName(result)) });
      }
    }
    return results;
  } finally {
    await context.close();
    if (!('browser' in options)) await browser.close();
  }
}
