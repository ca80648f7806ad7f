import { chromium, type Browser, type Page } from 'playwright-core';

/** Turns print HTML into A4 PDFs in one headless Chromium, so several renders share one start-up. */
export interface PdfRenderer {
  /** The PDF of a complete HTML page, with `footer` (a Chromium footer template) on every page. */
  pdf(html: string, footer: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Starts headless Chromium at `executablePath` (see `find-chromium.ts`); close it when done. */
export async function openPdfRenderer(executablePath: string): Promise<PdfRenderer> {
  const browser: Browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  let page: Page;
  try {
    page = await browser.newPage();
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    async pdf(html, footer) {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footer,
        outline: true,
        tagged: true,
      });
    },
    close: () => browser.close(),
  };
}
