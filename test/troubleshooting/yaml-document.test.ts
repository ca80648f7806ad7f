import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readYaml } from '../../src/troubleshooting/yaml-document.js';

/** Every YAML file the bot reads from a flows folder. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f))
    .sort();
}

describe('reading a flows YAML file (js-yaml first, `yaml` for lines and errors)', () => {
  const files = [...yamlFiles('flows'), ...yamlFiles('test/fixtures/flows')];

  it.each(files)('%s reads exactly as the `yaml` package reads it', (file) => {
    const text = readFileSync(file, 'utf8');
    const read = readYaml(file, text);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.value.value).toEqual(parse(text));
  });

  it('names the line of a part of a file it read quickly, for a problem found later', () => {
    const read = readYaml('proef.yaml', 'id: proef\nnodes:\n  - id: vraag\n    title: Eerste vraag\n');
    expect(read.ok && read.value.lineOf(['nodes', 0, 'title'])).toBe(4);
  });

  it('still loads what only `yaml` accepts (a flow list closed at the start of a line, as in words.yaml)', () => {
    const read = readYaml('words.yaml', 'stopWords: [\n  de, het,\n  een\n]\nnegations: [niet]\n');
    expect(read.ok && read.value.value).toEqual({ stopWords: ['de', 'het', 'een'], negations: ['niet'] });
    expect(read.ok && read.value.lineOf(['negations'])).toBe(5);
  });

  it('reports a duplicated key and a broken line as YAML errors on their lines, as before', () => {
    const duplicate = readYaml('proef.yaml', 'id: proef\ntitle: a\ntitle: b\n');
    expect(!duplicate.ok && duplicate.error.map((p) => [p.line, p.message.startsWith('YAML-fout')])).toEqual([[3, true]]);
    const broken = readYaml('proef.yaml', 'id: proef\nnodes:\n  - id: [vraag\n');
    expect(!broken.ok && broken.error[0]?.message).toMatch(/^YAML-fout/);
  });
});
