import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away copy of a flows folder that a test may edit; `cleanup` removes it. */
export class TempFlows {
  readonly root: string;
  readonly dir: string;

  constructor(from = 'flows') {
    this.root = mkdtempSync(join(tmpdir(), 'baliewijzer-flows-'));
    this.dir = join(this.root, 'flows');
    cpSync(from, this.dir, { recursive: true });
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  /** Replaces one exact piece of text in a flow file; fails when the text is not there, so a test cannot silently edit nothing. */
  edit(file: string, from: string, to: string): void {
    const text = readFileSync(this.path(file), 'utf8');
    if (!text.includes(from)) throw new Error(`"${from}" is not in ${file}`);
    writeFileSync(this.path(file), text.replace(from, to));
  }

  remove(file: string): void {
    rmSync(this.path(file));
  }

  /** The 1-based line of the first line containing `text`. */
  lineOf(file: string, text: string): number {
    const index = readFileSync(this.path(file), 'utf8').split('\n').findIndex((l) => l.includes(text));
    if (index < 0) throw new Error(`"${text}" is not in ${file}`);
    return index + 1;
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
