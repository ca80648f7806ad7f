import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countPdfPages } from './count-pdf-pages.js';
import { pdfFooter, printParts, type PrintInput, type StartPages } from './print-document.js';
import type { PdfRenderer } from './render-pdf.js';

/** The file names in the output folder; the same each run, so a new print replaces the old one. */
export const HTML_FILE = 'baliewijzer-stappenplannen.html';
export const PDF_FILE = 'baliewijzer-stappenplannen.pdf';

/** What was written, and whether the PDF has exactly the pages the contents were numbered for. */
export interface PrintResult {
  readonly htmlFile: string;
  readonly pdfFile: string;
  readonly pages: number;
  readonly expectedPages: number;
  readonly startPages: StartPages;
}

/** Stands in for page numbers while the front page is measured, as wide as a real one. */
const PLACEHOLDER_PAGE = 888;

/**
 * Writes the printable HTML and its PDF to `outDir`. Each part (front page, each procedure) is
 * rendered alone first to learn how many pages it takes; since every procedure starts on a new
 * page, that gives the page each one starts on for the table of contents.
 */
export async function writePrint(input: PrintInput, renderer: PdfRenderer, outDir: string): Promise<PrintResult> {
  const parts = printParts(input);
  const footer = pdfFooter(input);
  const pagesOf = async (sections: readonly string[]): Promise<number> => countPdfPages(await renderer.pdf(parts.page(sections), footer));

  const placeholders = new Map(parts.procedures.map((p) => [p.flow.id, PLACEHOLDER_PAGE]));
  let next = (await pagesOf([parts.front(placeholders)])) + 1;
  const startPages = new Map<string, number>();
  for (const procedure of parts.procedures) {
    startPages.set(procedure.flow.id, next);
    next += await pagesOf([procedure.html]);
  }

  const html = parts.page([parts.front(startPages), ...parts.procedures.map((p) => p.html)]);
  const pdf = await renderer.pdf(html, footer);
  mkdirSync(outDir, { recursive: true });
  const htmlFile = join(outDir, HTML_FILE);
  const pdfFile = join(outDir, PDF_FILE);
  writeFileSync(htmlFile, html);
  writeFileSync(pdfFile, pdf);
  return { htmlFile, pdfFile, pages: countPdfPages(pdf), expectedPages: next - 1, startPages };
}
