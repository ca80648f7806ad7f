import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ACCENT_HEX, renderColorIcon, renderOutlineIcon } from '../../scripts/icons/baliewijzer-icons.js';
import { REPO_APP_PACKAGE_DIR } from './temp-app-package.js';

async function readIcon(file: string): Promise<PNG> {
  return PNG.sync.read(await readFile(join(REPO_APP_PACKAGE_DIR, file)));
}

function pixels(png: PNG): { r: number; g: number; b: number; a: number }[] {
  const result = [];
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [r = -1, g = -1, b = -1, a = -1] = png.data.subarray(offset, offset + 4);
    result.push({ r, g, b, a });
  }
  return result;
}

function hex({ r, g, b }: { r: number; g: number; b: number }): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

describe('appPackage/color.png', () => {
  it('is 192×192', async () => {
    const color = await readIcon('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
  });

  it('is the accent blue with a white glyph, and the manifest uses the same accent colour', async () => {
    const color = pixels(await readIcon('color.png'));
    const opaque = color.filter((p) => p.a === 255);
    const counts = new Map<string, number>();
    for (const p of opaque) counts.set(hex(p), (counts.get(hex(p)) ?? 0) + 1);

    expect((counts.get(ACCENT_HEX) ?? 0) / color.length).toBeGreaterThan(0.5);
    expect((counts.get('#FFFFFF') ?? 0) / color.length).toBeGreaterThan(0.08);
    const manifest = JSON.parse(await readFile(join(REPO_APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as { accentColor: string };
    expect(manifest.accentColor.toUpperCase()).toBe(ACCENT_HEX);
  });
});

describe('appPackage/outline.png', () => {
  it('is 32×32', async () => {
    const outline = await readIcon('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('has only white or fully transparent pixels, and shows something', async () => {
    const outline = pixels(await readIcon('outline.png'));
    const offending = outline.filter((p) => p.a !== 0 && (p.r !== 255 || p.g !== 255 || p.b !== 255));

    expect(offending).toEqual([]);
    expect(outline.filter((p) => p.a === 255).length).toBeGreaterThan(32 * 32 * 0.15);
    expect(outline.filter((p) => p.a === 0).length).toBeGreaterThan(32 * 32 * 0.3);
  });
});

describe('scripts/make-icons.ts', () => {
  it('draws exactly the committed PNGs (run it and commit the result after changing the drawing)', async () => {
    const [color, outline] = [await readIcon('color.png'), await readIcon('outline.png')];

    expect(Buffer.compare(renderColorIcon().data, color.data)).toBe(0);
    expect(Buffer.compare(renderOutlineIcon().data, outline.data)).toBe(0);
  });
});
