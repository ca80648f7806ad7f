import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const packageSchema = z.object({ scripts: z.record(z.string(), z.string()) });

/**
 * The Node flags production runs with, read from `npm run start:prod` in the project's
 * package.json (the Dockerfile runs the same), so the bench's bot runs as production does:
 * `node --enable-source-maps … dist/index.js` gives `['--enable-source-maps', …]`.
 */
export function productionNodeFlags(projectDir: string): string[] {
  const scripts = packageSchema.parse(JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'))).scripts;
  const words = (scripts['start:prod'] ?? '').split(/\s+/).filter((w) => w !== '');
  if (words[0] !== 'node') return [];
  return words.slice(1).filter((w) => w.startsWith('--'));
}
