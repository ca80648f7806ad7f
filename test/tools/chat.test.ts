import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardAsText, formatCard } from '../../scripts/chat/card-as-text.js';
import { freePort } from '../support/bot-process.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('a card in the terminal chat', () => {
  it('shows its text, its links with their address and its buttons numbered', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Check rechten', weight: 'Bolder' },
        { type: 'FactSet', facts: [{ title: 'Basis', value: 'gratis' }] },
        { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Hulp ↗', url: 'https://www.bibliotheek.nl/hulp-bij-inloggen.html' }] },
        { type: 'Input.Text', id: 'note', label: 'Notitie' },
        { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Geen rechten', data: { a: 1 } }] },
      ],
      actions: [{ type: 'Action.Execute', title: 'Stoppen', verb: 'stop', data: { b: 2 } }],
    };
    const text = cardAsText(card);
    expect(formatCard(text)).toBe(['**Check rechten**', '  Basis: gratis', '  ↗ Hulp: https://www.bibliotheek.nl/hulp-bij-inloggen.html', '[1] Geen rechten   [2] Stoppen'].join('\n'));
    expect(text.actions.map((a) => a.kind)).toEqual(['submit', 'execute']);
    expect(text.inputs).toEqual([{ id: 'note', label: 'Notitie', choices: [] }]);
  });
});

describe('npm run chat', () => {
  it('lets a developer type a problem, click by number, restart the bot and go on with the same case', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'chat-'));
    dirs.push(storage);
    const port = await freePort();
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'scripts/chat.ts', '--port', String(port)], {
      env: { ...process.env, STORAGE: 'file', STORAGE_DIR: storage, FLOWS_DIR: 'test/fixtures/flows' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const until = async (text: string, from = 0): Promise<number> => {
      const deadline = Date.now() + 45_000;
      while (!output.includes(text, from)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`"${text}" did not appear; output:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return output.indexOf(text, from) + text.length;
    };
    const type = (line: string): void => void child.stdin.write(`${line}\n`);
    try {
      let at = await until('Welkom bij Baliewijzer');
      type('proef probleem');
      at = await until('Proefflow · stap 1', at);
      const firstCard = output.slice(at, await until('\n>', at));
      expect(firstCard).toMatch(/\[1\] Rechten aanwezig {3}\[2\] Geen rechten/);

      type('2');
      at = await until('✔ Gekozen: Geen rechten', at);
      at = await until('Proefflow · stap 2', at);
      // The click went as an Action.Execute: the bot updated the card for everyone and answered the invoke with the same card, shown once.
      type('/help');
      await until('/restart', at);
      expect(output.split('✔ Gekozen: Geen rechten')).toHaveLength(2);

      type('/restart');
      at = await until('Baliewijzer draait weer', at);
      type('1');
      at = await until('Proefflow · stap 3', at);
      expect(output.slice(at)).not.toContain('Sorry');

      type('/quit');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
