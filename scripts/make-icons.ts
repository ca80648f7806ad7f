/**
 * Writes appPackage/color.png and appPackage/outline.png from the shapes in
 * scripts/icons/baliewijzer-icons.ts. Run after changing the drawing, then commit both PNGs.
 *
 *   tsx scripts/make-icons.ts
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { answerHelp } from './cli/help.js';
import { renderColorIcon, renderOutlineIcon } from './icons/baliewijzer-icons.js';

answerHelp(process.argv.slice(2), 'usage: tsx scripts/make-icons.ts', 'Draws appPackage/color.png (192×192) and appPackage/outline.png (32×32) from scripts/icons/baliewijzer-icons.ts.\nRun it after changing the drawing, then commit both PNGs.');

const appPackageDir = fileURLToPath(new URL('../appPackage/', import.meta.url));

const icons = [
  { file: 'color.png', image: renderColorIcon() },
  { file: 'outline.png', image: renderOutlineIcon() },
];

for (const { file, image } of icons) {
  const path = `${appPackageDir}${file}`;
  await writeFile(path, PNG.sync.write(image, { colorType: 6 }));
  console.log(`wrote ${path} (${image.width}×${image.height})`);
}
