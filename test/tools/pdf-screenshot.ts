import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';

/** A4 at the viewer's "fit to width": the whole page in one screenshot. */
const VIEWPORT = { width: 800, height: 1131 };
const POLL_MS = 200;
const MAX_POLLS = 150;

/** Share of a region's pixels that are near white (paper) and near black (ink). */
function inkOnPaper(png: PNG): { paper: number; ink: number } {
  let paper = 0;
  let ink = 0;
  let total = 0;
  for (let y = Math.floor(png.height * 0.05); y < png.height * 0.5; y += 2) {
    for (let x = Math.floor(png.width * 0.1); x < png.width * 0.9; x += 2) {
      const i = (y * png.width + x) * 4;
      const light = ((png.data[i] ?? 0) + (png.data[i + 1] ?? 0) + (png.data[i + 2] ?? 0)) / 3;
      if (light > 240) paper++;
      else if (light < 90) ink++;
      total++;
    }
  }
  return { paper: paper / total, ink: ink / total };
}

/**
 * Saves page `page` of a PDF as Chromium's own PDF viewer shows it (toolbar hidden), so a person
 * can look at the paper version. The viewer draws asynchronously, so this waits until the page
 * shows paper with text on it and two screenshots in a row are the same.
 */
export async function screenshotPdfPage(browser: Browser, pdfFile: string, page: number, pngFile: string): Promise<PNG> {
  const tab = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    await tab.goto(`${pathToFileURL(pdfFile).href}#page=${page}&toolbar=0&navpanes=0&view=FitH`);
    let previous: Buffer | undefined;
    for (let poll = 0; poll < MAX_POLLS; poll++) {
      const shot = await tab.screenshot();
      const { paper, ink } = inkOnPaper(PNG.sync.read(shot));
      if (previous !== undefined && previous.equals(shot) && paper > 0.5 && ink > 0.002) {
        writeFileSync(pngFile, shot);
        return PNG.sync.read(shot);
      }
      previous = shot;
      await tab.waitForTimeout(POLL_MS);
    }
    throw new Error(`Chromium's PDF viewer did not show page ${page} of ${pdfFile}`);
  } finally {
    await tab.close();
  }
}
