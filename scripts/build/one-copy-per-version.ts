import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { z } from 'zod';

const packageVersion = z.object({ version: z.string() });

/** Every installed copy of `name` under `nodeModules`: the top one and those nested one level down in other packages. */
function copiesOf(nodeModules: string, name: string): string[] {
  const owners = readdirSync(nodeModules).flatMap((entry) => (entry.startsWith('@') ? readdirSync(join(nodeModules, entry)).map((scoped) => join(entry, scoped)) : [entry]));
  return [join(nodeModules, name), ...owners.map((owner) => join(nodeModules, owner, 'node_modules', name))].filter((dir) => existsSync(join(dir, 'package.json')));
}

/**
 * Bundles each version of the named packages once. botbuilder's packages each install their own
 * copy of zod 3 (five identical copies of 3.25.76 here), and a bundle would carry and load every one
 * of them. An import that resolves into a copy is pointed at the same file in the first copy of that
 * version (in path order, so every build picks the same one); a copy of another version stays its own.
 */
export function oneCopyPerVersion(projectDir: string, names: readonly string[]): Plugin {
  const nodeModules = join(projectDir, 'node_modules');
  // Copy folder → the folder of the first copy of its version.
  const canonical = new Map<string, string>();
  for (const name of names) {
    const firstOfVersion = new Map<string, string>();
    for (const dir of copiesOf(nodeModules, name).sort()) {
      const { version } = packageVersion.parse(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
      const first = firstOfVersion.get(version) ?? dir;
      firstOfVersion.set(version, first);
      canonical.set(dir, first);
    }
  }
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/|$)`);
  return {
    name: 'one-copy-per-version',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === 'one-copy-per-version') return undefined;
        const resolved = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: 'one-copy-per-version' });
        if (resolved.errors.length > 0) return resolved;
        for (const [dir, first] of canonical) {
          if (dir !== first && resolved.path.startsWith(dir + sep)) return { ...resolved, path: first + resolved.path.slice(dir.length) };
        }
        return resolved;
      });
    },
  };
}
