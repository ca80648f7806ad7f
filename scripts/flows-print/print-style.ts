/**
 * The printed look: A4 with room for the page footer, every procedure on a new page, a step kept
 * on one page where it fits, Wise paths and addresses in a typewriter font so they can be typed
 * over, and no meaning carried by colour alone (grey print stays readable).
 */
export const PRINT_STYLE = `
@page { size: A4; margin: 14mm 14mm 17mm 14mm; }
:root { --ink: #1a1a1a; --muted: #555; --line: #bdbdbd; --mono: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; }
* { box-sizing: border-box; }
html { font-family: "Segoe UI", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.35; color: var(--ink); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
@media screen { body { max-width: 182mm; margin: 10mm auto; padding: 0 4mm; } .procedure { margin-top: 14mm; } }
p, ul, ol { margin: 0 0 1.5mm; }
a { color: inherit; text-decoration: none; }
h1 { font-size: 21pt; margin: 0 0 3mm; line-height: 1.15; }
.generated { font-weight: 700; margin-bottom: 4mm; }
.intro { font-size: 11.5pt; margin-bottom: 3mm; }
.legend { color: var(--muted); margin-bottom: 7mm; }
.contents h2 { font-size: 14pt; margin: 0 0 2mm; }
.contents table { width: 100%; border-collapse: collapse; }
.contents th, .contents td { border-bottom: 1px solid var(--line); padding: 2mm 1.5mm; text-align: left; vertical-align: top; }
.contents th { font-size: 9pt; color: var(--muted); font-weight: 600; border-bottom: 1.5px solid var(--ink); }
.contents .number { text-align: right; white-space: nowrap; width: 1%; }
.contents .title { font-weight: 700; font-size: 11pt; }
.contents .description { color: var(--muted); font-size: 9.5pt; }
.procedure { break-before: page; }
.procedure-head { border-bottom: 2px solid var(--ink); padding-bottom: 2mm; margin-bottom: 4mm; break-after: avoid; }
.procedure-head h2 { font-size: 17pt; margin: 0 0 1mm; line-height: 1.2; }
.procedure-head .description { font-size: 11pt; }
.procedure-head .meta { color: var(--muted); margin: 0; }
.step { break-inside: avoid; border: 1px solid var(--line); border-left: 5px solid #7a7a7a; border-radius: 1.5mm; padding: 2.5mm 4mm 2mm; margin: 0 0 3.5mm; }
.step-question { border-left-color: #2f5f98; }
.step-end { border-left-color: #1f1f1f; border-left-style: double; border-left-width: 6px; }
.step-head { display: flex; gap: 3mm; align-items: baseline; font-size: 9pt; color: var(--muted); }
.step-number { font-size: 13pt; font-weight: 700; color: var(--ink); }
.step-kind { text-transform: uppercase; letter-spacing: 0.04em; font-weight: 600; }
.step-flow { margin-left: auto; text-align: right; }
.step h3 { font-size: 12pt; margin: 0.5mm 0 2mm; line-height: 1.25; }
.text ul { padding-left: 6mm; }
.wise { font-family: var(--mono); font-weight: 700; font-size: 9.5pt; background: #efefef; border: 1px solid #d6d6d6; border-radius: 1mm; padding: 1mm 2mm; margin: 1.5mm 0; }
.wise-label { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-weight: 400; font-size: 8pt; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; margin-right: 1.5mm; }
.instructions { padding-left: 6mm; }
.instructions li { margin-bottom: 1mm; }
.instructions .wise { margin-top: 0.8mm; }
.facts { border-collapse: collapse; margin: 1.5mm 0; }
.facts th, .facts td { border: 1px solid var(--line); padding: 0.8mm 2mm; text-align: left; font-size: 9.5pt; }
.facts th { font-weight: 600; background: #f5f5f5; }
.warning { border: 1.5px solid #a36a00; background: #fff6df; border-radius: 1mm; padding: 1.2mm 2mm; font-weight: 600; }
.links { margin: 1.5mm 0; }
.links-label { font-size: 8.5pt; color: var(--muted); margin-bottom: 0.5mm; }
.links ul { list-style: none; padding: 0; }
.links li { margin-bottom: 1mm; }
.link-title { font-weight: 600; }
.url { font-family: var(--mono); font-size: 9.5pt; overflow-wrap: anywhere; }
.question { font-weight: 700; font-size: 11pt; margin: 2.5mm 0 0.5mm; }
.answers-label { font-size: 8.5pt; color: var(--muted); margin: 1.5mm 0 0.5mm; }
.question + .answers-label { margin-top: 0; }
.answers { list-style: none; padding: 0; margin: 0 0 1.5mm; }
.answers li { display: flex; align-items: baseline; gap: 2mm; padding: 0.8mm 0; border-bottom: 1px dotted var(--line); }
.answers li::before { content: "☐"; font-size: 11pt; }
.answer { flex: 1; }
.goto { font-weight: 700; white-space: nowrap; }
.goto-back { font-style: italic; }
.outcome { display: inline-block; font-weight: 700; border: 1.5px solid var(--ink); border-radius: 1mm; padding: 0.5mm 2.5mm; margin-bottom: 2mm; }
.outcome-opgelost { background: #e3f3e5; border-color: #2e7d32; }
.outcome-niet-opgelost { background: #fbe4e4; border-color: #b3261e; }
.outcome-doorverwijzen { background: #fff3d6; border-color: #a36a00; }
.source { font-size: 8.5pt; color: var(--muted); border-top: 1px solid #dedede; padding-top: 1mm; margin: 2mm 0 0; }
`;
