/** Text as HTML character data or an attribute value: nothing a content editor types can become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A card text block as it reads on paper: blank lines separate paragraphs, and a paragraph whose
 * lines all start with "- " is a bulleted list, as the cards' markdown shows them.
 */
export function textBlock(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((l) => l.trim()).filter((l) => l !== ''))
    .filter((lines) => lines.length > 0)
    .map((lines) =>
      lines.every((l) => l.startsWith('- '))
        ? `<ul>${lines.map((l) => `<li>${escapeHtml(l.slice(2))}</li>`).join('')}</ul>`
        : `<p>${lines.map(escapeHtml).join('<br>')}</p>`,
    )
    .join('\n');
}
