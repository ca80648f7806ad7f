import type { PreviewCard } from './preview-cards.js';

/** Teams-like look for what the host renders itself: the message frame and the buttons. */
const STYLE = `
  body { margin: 0; padding: 24px; background: #f5f5f5; color: #242424; font-family: 'Segoe UI', -apple-system, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  #summary { margin: 0 0 24px; color: #616161; }
  .slot { margin: 0 0 32px; }
  .slot h2 { font-size: 13px; font-weight: 600; color: #616161; margin: 0 0 6px; }
  .widths { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
  .width h3 { font-size: 12px; font-weight: 400; color: #616161; margin: 0 0 4px; }
  .frame { background: #ffffff; border-radius: 6px; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.14), 0 0 2px rgba(0, 0, 0, 0.12); overflow: hidden; }
  .problems { color: #c4314b; margin: 6px 0 0; padding-left: 20px; font-size: 13px; }
  .problems:empty { display: none; }
  .has-problems > .frame { outline: 2px solid #c4314b; }
  .ac-adaptiveCard p { margin: 0 0 6px; }
  .ac-adaptiveCard p:last-child { margin-bottom: 0; }
  .ac-adaptiveCard ul, .ac-adaptiveCard ol { box-sizing: border-box; margin: 0; padding-left: 20px; }
  .ac-pushButton { display: flex; align-items: center; justify-content: center; min-height: 32px; padding: 0 12px; overflow: hidden; text-overflow: ellipsis;
    font: 600 14px 'Segoe UI', -apple-system, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif; color: #242424; background: #ffffff; border: 1px solid #d1d1d1; border-radius: 4px; cursor: pointer; }
  .ac-pushButton:hover { background: #f5f5f5; }
  .ac-pushButton.style-positive { color: #ffffff; background: #5b5fc7; border-color: #5b5fc7; }
  .ac-input { font: 14px 'Segoe UI', Arial, 'Liberation Sans', sans-serif; }
  .ac-input.ac-textInput { border: 1px solid #d1d1d1; border-radius: 4px; padding: 6px 8px; }
`;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** JSON that cannot close the script element it sits in. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The gallery page: every card side by side in frames as wide as Teams' chat column and as a
 * phone, rendered in the browser by `adaptivecards.min.js` (the official renderer) through
 * `gallery.js`, both next to the page.
 */
export function galleryHtml(options: { readonly cards: readonly PreviewCard[]; readonly hostConfig: object; readonly widthsPx: readonly number[]; readonly title: string }): string {
  const slots = options.cards
    .map(
      (c, i) => `<section class="slot" id="card-${i}" data-name="${escapeHtml(c.name)}">
  <h2>${escapeHtml(c.caption)}</h2>
  <div class="widths">
${options.widthsPx
  .map(
    (w) => `    <div class="width" data-width="${w}">
      <h3>${w} px</h3>
      <div class="frame" style="width: ${w}px"></div>
      <ul class="problems"></ul>
    </div>`,
  )
  .join('\n')}
  </div>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
<script type="application/json" id="cards">${scriptJson({ hostConfig: options.hostConfig, cards: options.cards.map((c) => ({ name: c.name, card: c.card })) })}</script>
<script src="adaptivecards.min.js"></script>
<script src="gallery.js" defer></script>
</head>
<body>
<h1>${escapeHtml(options.title)}</h1>
<p id="summary">Kaarten worden gerenderd…</p>
${slots}
</body>
</html>
`;
}
