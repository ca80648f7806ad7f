import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, NO_CHROMIUM } from '../../scripts/cards-preview/find-chromium.js';
import { countPdfPages } from '../../scripts/flows-print/count-pdf-pages.js';
import { HTML_FILE, PDF_FILE } from '../../scripts/flows-print/write-print.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';
import { screenshotPdfPage } from './pdf-screenshot.js';
import { runScript, type ScriptRun } from './run-script.js';
import { TempFlows } from './temp-flows.js';

/** Screenshots for a person to look at (git-ignored). */
const SCREENSHOTS = 'test-results/print';
const executablePath = findChromium(process.env);
const catalog = loadFlowCatalog('flows');

describe('npm run flows:print, rendering the PDF in headless Chromium', () => {
  if (executablePath === undefined) {
    // npm test installs Chromium first (scripts/ensure-chromium.ts); without it this check fails rather than being skipped.
    it('writes the printable HTML and PDF', () => {
      throw new Error(NO_CHROMIUM);
    });
    return;
  }
  const browserPath = executablePath;
  const out = mkdtempSync(join(tmpdir(), 'baliewijzer-print-'));
  let run: ScriptRun;

  beforeAll(() => {
    run = runScript('flows-print', ['--out', out], { CHROMIUM_PATH: browserPath });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const pdf = (): Buffer => readFileSync(join(out, PDF_FILE));
  const html = (): Document => new JSDOM(readFileSync(join(out, HTML_FILE), 'utf8')).window.document;

  it('says where it wrote the HTML and the PDF, and how many pages the PDF has', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.lines).toEqual([`HTML: ${join(out, HTML_FILE)}`, `PDF:  ${join(out, PDF_FILE)} (${countPdfPages(pdf())} pagina's A4, ${catalog.flows.length} stappenplannen)`]);
  });

  it('writes a PDF with a front page and every procedure starting on a page of its own', () => {
    const pages = countPdfPages(pdf());
    expect(pages).toBeGreaterThanOrEqual(1 + catalog.flows.length);
    const starts = [...html().querySelectorAll('.contents tbody .page')].map((td) => Number(td.textContent));
    expect(starts).toHaveLength(catalog.flows.length);
    expect(starts[0]).toBe(2);
    for (const [i, start] of starts.entries()) if (i > 0) expect(start).toBeGreaterThan(starts[i - 1] ?? Infinity);
    expect(starts.at(-1)).toBeLessThanOrEqual(pages);
  });

  it('prints every step of every flow in the HTML next to the PDF', () => {
    const document = html();
    for (const flow of catalog.flows) {
      const printed = [...document.querySelectorAll(`#stappenplan-${flow.id} article.step`)].map((a) => a.getAttribute('data-node'));
      expect(printed.sort()).toEqual(flow.nodes.map((n) => n.id).sort());
    }
  });

  it('shows the first page of the PDF as the desk will print it (test-results/print/first-page.png)', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
    try {
      const first = await screenshotPdfPage(browser, join(out, PDF_FILE), 1, join(SCREENSHOTS, 'first-page.png'));
      expect(first.width).toBeGreaterThan(0);
      await screenshotPdfPage(browser, join(out, PDF_FILE), 2, join(SCREENSHOTS, 'page-2.png'));
    } finally {
      await browser.close();
    }
    expect(existsSync(join(SCREENSHOTS, 'first-page.png'))).toBe(true);
  });
});

describe('npm run flows:print without printing', () => {
  it('explains itself with --help', () => {
    const help = runScript('flows-print', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--out <folder>');
    expect(help.stdout).toContain('test-results/print');
  });

  it('refuses an unknown option and says how to call it', () => {
    const wrong = runScript('flows-print', ['--uit', 'x']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain("Unknown option '--uit'");
    expect(wrong.stderr).toContain('usage: tsx scripts/flows-print.ts');
  });

  it('prints nothing for broken flows and names the problem', () => {
    const flows = new TempFlows();
    try {
      flows.edit('inactief-inlogaccount.yaml', 'next: vernieuw-kb\n', 'next: vernieuw-kbb\n');
      const out = join(flows.root, 'print');
      const broken = runScript('flows-print', ['--dir', flows.dir, '--out', out]);
      expect(broken.status).toBe(1);
      expect(broken.stdout).toContain('verwijst naar node "vernieuw-kbb" die niet bestaat');
      expect(broken.lines.at(-1)).toBe('Niets afgedrukt: los eerst de problemen hierboven op (npm run flows:check).');
      expect(existsSync(out)).toBe(false);
    } finally {
      flows.cleanup();
    }
  });
});

describe('counting the pages of a PDF', () => {
  it('refuses a file that is not a PDF', () => {
    expect(() => countPdfPages(Buffer.from('<html></html>'))).toThrow('not a PDF');
  });
});
