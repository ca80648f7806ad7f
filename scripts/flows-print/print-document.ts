import { fill } from '../../src/cards/messages.js';
import { formatWhen } from '../../src/cards/format.js';
import type { Flow } from '../../src/troubleshooting/flow-schema.js';
import { escapeHtml } from './html-text.js';
import { PRINT_STYLE } from './print-style.js';
import { procedureAnchor, procedureSection, type SectionContext } from './procedure-section.js';

/** Everything the printed procedures are made from; `generatedAt` comes from the caller so the page is reproducible. */
export interface PrintInput extends SectionContext {
  readonly generatedAt: Date;
}

/** Procedure id → the PDF page it starts on, for the table of contents. */
export type StartPages = ReadonlyMap<string, number>;

/** The printable parts, separately, so the PDF renderer can measure each one in pages before the contents name them. */
export interface PrintParts {
  /** Title, date, how to read the pages, and the table of contents (with page numbers when given). */
  readonly front: (pages?: StartPages) => string;
  /** One section per procedure, in menu order; each starts on a new page. */
  readonly procedures: ReadonlyArray<{ readonly flow: Flow; readonly html: string }>;
  /** A complete HTML page of the given parts, with the print style. */
  readonly page: (sections: readonly string[]) => string;
}

/** The printable procedures in parts; {@link printablePage} joins them. */
export function printParts(input: PrintInput): PrintParts {
  const { text } = input;
  const date = formatWhen(input.generatedAt.toISOString());
  const flows = input.catalog.flows;
  const front = (pages?: StartPages): string => {
    const rows = flows.map((flow, index) => {
      const page = pages?.get(flow.id);
      return [
        '<tr>',
        `<td class="number">${index + 1}.</td>`,
        `<td><a href="#${procedureAnchor(flow)}"><span class="title">${escapeHtml(flow.title)}</span></a><br><span class="description">${escapeHtml(flow.description)}</span></td>`,
        `<td class="number">${flow.version}</td>`,
        `<td class="number">${flow.nodes.length}</td>`,
        ...(pages === undefined ? [] : [`<td class="number page">${page ?? ''}</td>`]),
        '</tr>',
      ].join('');
    });
    const headings = [text.contentsNumber, text.contentsProcedure, text.contentsVersion, text.contentsSteps, ...(pages === undefined ? [] : [text.contentsPage])];
    return [
      '<section class="front">',
      `<h1>${escapeHtml(text.documentTitle)}</h1>`,
      `<p class="generated">${escapeHtml(fill(text.generatedAt, { date }))}</p>`,
      `<p class="intro">${escapeHtml(text.intro)}</p>`,
      `<p class="legend">${escapeHtml(text.legend)}</p>`,
      '<div class="contents">',
      `<h2>${escapeHtml(text.contentsHeading)}</h2>`,
      `<table><thead><tr>${headings.map((h, i) => `<th${i === 1 ? '' : ' class="number"'}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
      `<tbody>${rows.join('\n')}</tbody></table>`,
      '</div>',
      '</section>',
    ].join('\n');
  };
  const page = (sections: readonly string[]): string =>
    [
      '<!doctype html>',
      '<html lang="nl">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${escapeHtml(text.documentTitle)}</title>`,
      `<style>${PRINT_STYLE}</style>`,
      '</head>',
      '<body>',
      ...sections,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  return {
    front,
    procedures: flows.map((flow, index) => ({ flow, html: procedureSection(flow, index + 1, input) })),
    page,
  };
}

/** The whole printable document: front page with contents, then every procedure. */
export function printablePage(input: PrintInput, pages?: StartPages): string {
  const parts = printParts(input);
  return parts.page([parts.front(pages), ...parts.procedures.map((p) => p.html)]);
}

/** The footer of every PDF page, in Chromium's header/footer template language (`pageNumber`, `totalPages`). */
export function pdfFooter(input: PrintInput): string {
  const date = escapeHtml(formatWhen(input.generatedAt.toISOString()));
  const words = escapeHtml(input.text.footer)
    .replace('{date}', date)
    .replace('{page}', '<span class="pageNumber"></span>')
    .replace('{pages}', '<span class="totalPages"></span>');
  return `<div style="width:100%;font-family:'Liberation Sans','DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#555;text-align:center;padding:0 14mm;">${words}</div>`;
}
