/**
 * The number of pages in a PDF that Chromium wrote: its page objects (`/Type /Page`, not the
 * `/Type /Pages` tree nodes). Chromium's PDF writer keeps these dictionaries uncompressed, so no
 * PDF library is needed to check that the paper version has pages and as many as the contents
 * promise.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF: the file does not start with %PDF-');
  return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}
