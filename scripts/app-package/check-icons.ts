import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PNG } from 'pngjs';
import { PackagingError } from './packaging-error.js';

/** What Teams requires of each icon in an app package. */
export const ICON_RULES = {
  color: { width: 192, height: 192, whiteOnTransparent: false },
  outline: { width: 32, height: 32, whiteOnTransparent: true },
} as const;

export type IconRole = keyof typeof ICON_RULES;

export interface CheckedIcon {
  readonly role: IconRole;
  /** The file name, which is also its name at the root of the zip. */
  readonly name: string;
  readonly data: Buffer;
}

/**
 * The first pixel of an RGBA image that is neither fully transparent nor pure white, or undefined.
 * Teams shows the outline icon tinted on coloured bars, so any other colour shows up as a smudge.
 */
export function findNonWhitePixel(png: PNG): { x: number; y: number; rgba: readonly number[] } | undefined {
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const rgba = [...png.data.subarray(offset, offset + 4)];
    const [r, g, b, a] = rgba;
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
      const pixel = offset / 4;
      return { x: pixel % png.width, y: Math.floor(pixel / png.width), rgba };
    }
  }
  return undefined;
}

function isFullyTransparent(png: PNG): boolean {
  for (let offset = 3; offset < png.data.length; offset += 4) {
    if (png.data[offset] !== 0) return false;
  }
  return true;
}

async function checkIcon(appPackageDir: string, role: IconRole, name: string): Promise<CheckedIcon> {
  const rule = ICON_RULES[role];
  if (basename(name) !== name) {
    throw new PackagingError(`icons.${role} is "${name}"; use a plain file name in appPackage/ so it lands at the root of the zip.`);
  }
  const path = join(appPackageDir, name);
  let data: Buffer;
  let png: PNG;
  try {
    data = await readFile(path);
  } catch {
    throw new PackagingError(`icons.${role}: ${path} does not exist (run "tsx scripts/make-icons.ts").`);
  }
  try {
    png = PNG.sync.read(data);
  } catch (error) {
    throw new PackagingError(`icons.${role}: ${path} is not a readable PNG (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (png.width !== rule.width || png.height !== rule.height) {
    throw new PackagingError(`icons.${role}: ${name} is ${png.width}×${png.height}; Teams requires ${rule.width}×${rule.height}.`);
  }
  if (rule.whiteOnTransparent) {
    const wrong = findNonWhitePixel(png);
    if (wrong) {
      throw new PackagingError(
        `icons.${role}: ${name} must be white on transparent; pixel (${wrong.x}, ${wrong.y}) is rgba(${wrong.rgba.join(', ')}).`,
      );
    }
    if (isFullyTransparent(png)) throw new PackagingError(`icons.${role}: ${name} is fully transparent.`);
  }
  return { role, name, data };
}

/** Reads and checks both icons the manifest names, relative to the app package folder. */
export async function checkIcons(appPackageDir: string, icons: Readonly<Record<IconRole, string>>): Promise<CheckedIcon[]> {
  return [await checkIcon(appPackageDir, 'color', icons.color), await checkIcon(appPackageDir, 'outline', icons.outline)];
}
