import { PNG } from 'pngjs';
import { coverage, inset, polygon, rect, roundedRect, circle, union, type Shape } from './shapes.js';

/**
 * The Baliewijzer icons: a signpost ("wijzer") with two arrow boards, white on the library's deep
 * blue. Drawn in code so the PNGs in appPackage/ can always be regenerated and reviewed as a diff
 * of this file rather than of binary images.
 */

/** Background of the colour icon; the manifest's accentColor uses the same blue. */
export const ACCENT_HEX = '#1D4E89';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

type Rgb = readonly [r: number, g: number, b: number];

const WHITE: Rgb = [255, 255, 255];

function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** The signpost, filling the unit square edge to edge. */
const signpost: Shape = union(
  // pole with a round cap
  rect(0.455, 0.1, 0.545, 0.88),
  circle(0.5, 0.1, 0.07),
  // upper board, pointing right
  polygon([
    [0.14, 0.2],
    [0.74, 0.2],
    [0.88, 0.3],
    [0.74, 0.4],
    [0.14, 0.4],
  ]),
  // lower board, pointing left
  polygon([
    [0.86, 0.48],
    [0.26, 0.48],
    [0.12, 0.58],
    [0.26, 0.68],
    [0.86, 0.68],
  ]),
  // foot
  roundedRect(0.28, 0.86, 0.72, 0.95, 0.04),
);

function createImage(size: number): PNG {
  return new PNG({ width: size, height: size, colorType: 6 });
}

/** `from` blended towards `to` by `amount` (0..1). */
function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  const channel = (a: number, b: number) => Math.round(a * (1 - amount) + b * amount);
  return [channel(from[0], to[0]), channel(from[1], to[1]), channel(from[2], to[2])];
}

function setPixel(png: PNG, x: number, y: number, [r, g, b]: Rgb, alpha: number): void {
  const offset = (y * png.width + x) * 4;
  png.data[offset] = r;
  png.data[offset + 1] = g;
  png.data[offset + 2] = b;
  png.data[offset + 3] = Math.round(alpha * 255);
}

/**
 * 192×192 colour icon: a rounded deep-blue square with the white signpost in its middle, leaving
 * the margin Teams' icon guidelines ask for around the symbol.
 */
export function renderColorIcon(): PNG {
  const size = COLOR_ICON_SIZE;
  const png = createImage(size);
  const background = roundedRect(0, 0, 1, 1, 0.2);
  const glyph = inset(signpost, 0.18);
  const accent = hexToRgb(ACCENT_HEX);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const back = coverage(background, x, y, size);
      // The glyph lies inside the background, so it only mixes colour, never adds alpha.
      const front = coverage(glyph, x, y, size);
      setPixel(png, x, y, mix(accent, WHITE, front), back);
    }
  }
  return png;
}

/**
 * 32×32 outline icon: the same signpost in white on transparency, as Teams requires; anti-aliased
 * edges are white with partial alpha, never grey.
 */
export function renderOutlineIcon(): PNG {
  const size = OUTLINE_ICON_SIZE;
  const png = createImage(size);
  const glyph = inset(signpost, 0.02);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      setPixel(png, x, y, WHITE, coverage(glyph, x, y, size));
    }
  }
  return png;
}
