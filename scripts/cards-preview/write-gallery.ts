import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { galleryHtml } from './gallery-page.js';
import type { PreviewCard } from './preview-cards.js';
import { TEAMS_LIGHT_HOST_CONFIG } from './teams-host-config.js';

const require = createRequire(import.meta.url);

/** Writes `index.html` with the renderer and the gallery script beside it; returns the page's path. Each card is shown at each width. */
export function writeGallery(outDir: string, cards: readonly PreviewCard[], options: { readonly widthsPx: readonly number[]; readonly title?: string }): string {
  mkdirSync(outDir, { recursive: true });
  copyFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), join(outDir, 'adaptivecards.min.js'));
  copyFileSync(fileURLToPath(new URL('gallery.js', import.meta.url)), join(outDir, 'gallery.js'));
  const page = join(outDir, 'index.html');
  writeFileSync(page, galleryHtml({ cards, hostConfig: TEAMS_LIGHT_HOST_CONFIG, widthsPx: options.widthsPx, title: options.title ?? 'Baliewijzer: alle kaarten' }));
  return page;
}
