import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchMarkdown, withBenchPart } from '../../bench/readme-table.js';

/** The README's benchmark figures are the recorded run's, not typed by hand (npm run bench:readme). */
describe('the README benchmark part', () => {
  it('is what npm run bench:readme makes of bench/results.json (run it after npm run bench)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const results: unknown = JSON.parse(readFileSync('bench/results.json', 'utf8'));
    expect(withBenchPart(readme, benchMarkdown(results))).toBe(readme);
  });
});
