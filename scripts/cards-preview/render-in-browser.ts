import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
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

/** Where a card's screenshot at one width goes: `<name>.<width>px.png`. */
export const screenshotName = (result: { readonly name: string; readonly width: number }): string => `${result.name}.${result.width}px.png`;

/**
 * Opens the gallery page in headless Chromium, waits until every card is rendered and checked at
 * every width, and returns one result per card and width; with `screenshotsDir`, also one PNG
 * each (see {@link screenshotName}).
 */
export async function renderInBrowser(page: string, options: { readonly executablePath: string; readonly screenshotsDir?: string }): Promise<RenderResult[]> {
  const browser = await chromium.launch({ executablePath: options.executablePath, args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
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
    await browser.close();
  }
}
