import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig } from '../../src/config.js';

const example = readFileSync('.env.example', 'utf8');

describe('.env.example', () => {
  it('documents every variable the bot reads, each with a comment above it', () => {
    const lines = example.split('\n');
    for (const name of Object.keys(configSchema.shape)) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      expect(at, `${name} is missing from .env.example`).toBeGreaterThan(-1);
      // The variable's own comment, or one shared with the variables right above it.
      const above = lines.slice(0, at).reverse();
      const firstNonVariable = above.find((line) => !/^[A-Za-z_]+=/.test(line));
      expect(firstNonVariable?.startsWith('#'), `${name} has no comment above it`).toBe(true);
    }
  });

  it('holds only variables the bot knows, and as copied to .env they start a valid local bot', () => {
    const values = parse(example);
    expect(Object.keys(values).filter((name) => !(name in configSchema.shape))).toEqual([]);
    expect(() => parseConfig(values)).not.toThrow();
  });
});
