import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileStore } from '../src/storage/file-store.js';
import { median } from './stats.js';

/** What one durable write of a conversation costs, with and without flushing the folder after the rename. */
export interface FsyncFigures {
  readonly writes: number;
  readonly documentBytes: number;
  /** One write at a time: latency and CPU of a lone turn's write. */
  readonly folderSynced: { readonly p50Ms: number; readonly cpuUsPerWrite: number };
  readonly fileOnly: { readonly p50Ms: number; readonly cpuUsPerWrite: number };
  /** 50 conversations writing at once (a busy desk): writes finishing together share one folder flush. */
  readonly concurrent: { readonly folderSynced: { readonly cpuUsPerWrite: number; readonly writesPerSecond: number }; readonly fileOnly: { readonly cpuUsPerWrite: number; readonly writesPerSecond: number } };
}

/**
 * The file store's write as a turn makes it (a ~1 KB conversation document over the version read),
 * `writes` times each way in alternating rounds: fsync of the file and rename (survives a killed
 * process), and the same plus fsync of the folder (survives a power loss too).
 */
export async function timeFsync(writes: number): Promise<FsyncFigures> {
  const dirs = { folderSynced: mkdtempSync(join(tmpdir(), 'baliewijzer-bench-fsync-')), fileOnly: mkdtempSync(join(tmpdir(), 'baliewijzer-bench-fsync-')) };
  try {
    const stores = { folderSynced: FileStore.open(dirs.folderSynced, undefined, { syncFolder: true }), fileOnly: FileStore.open(dirs.fileOnly, undefined, { syncFolder: false }) };
    const document = {
      turns: { touchedAt: new Date().toISOString(), seen: Array.from({ length: 8 }, (_, i) => `seen-${i}-abcde`), lastClick: { key: 'click-abcdefg', at: new Date().toISOString() } },
      case: { caseId: '8f0e4c1a-3b7d-4c2e-9a6f-1d2b3c4d5e6f', flowId: 'klant-kan-niet-inloggen', flowVersion: 3, trail: ['lukt-niet', 'gedaan', 'geen-rechten', 'gedaan'], startedAt: new Date().toISOString() },
      dialogState: { dialogStack: [{ id: 'flow:klant-kan-niet-inloggen', state: { dialogStack: [{ id: 'steps', state: { options: { announce: false }, values: { instanceId: 'abcdef12-3456-7890-abcd-ef1234567890' }, stepIndex: 1 } }] } }] },
    };
    const json = JSON.stringify(document);
    const times = { folderSynced: [] as number[], fileOnly: [] as number[] };
    const cpu = { folderSynced: 0, fileOnly: 0 };
    const eTags: Record<keyof typeof stores, string | undefined> = { folderSynced: undefined, fileOnly: undefined };
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 === 0 ? (['folderSynced', 'fileOnly'] as const) : (['fileOnly', 'folderSynced'] as const)) {
        const before = process.cpuUsage();
        for (let i = 0; i < writes / rounds; i++) {
          const started = performance.now();
          const eTag = eTags[name];
          eTags[name] = await stores[name].write('baliewijzer/conversations/msteams/a:bench', document, eTag === undefined ? { ifAbsent: true } : { ifMatch: eTag }, json);
          times[name].push(performance.now() - started);
        }
        const used = process.cpuUsage(before);
        cpu[name] += used.user + used.system;
      }
    }
    const concurrent = { folderSynced: { cpu: 0, ms: 0, writes: 0 }, fileOnly: { cpu: 0, ms: 0, writes: 0 } };
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 === 0 ? (['folderSynced', 'fileOnly'] as const) : (['fileOnly', 'folderSynced'] as const)) {
        const before = process.cpuUsage();
        const started = performance.now();
        await Promise.all(
          Array.from({ length: 50 }, async (_, writer) => {
            for (let i = 0; i < writes / rounds / 50; i++) await stores[name].write(`baliewijzer/conversations/msteams/a:writer-${writer}`, document, undefined, json);
          }),
        );
        const used = process.cpuUsage(before);
        concurrent[name].cpu += used.user + used.system;
        concurrent[name].ms += performance.now() - started;
        concurrent[name].writes += 50 * Math.floor(writes / rounds / 50);
      }
    }
    const rate = (c: { cpu: number; ms: number; writes: number }) => ({ cpuUsPerWrite: c.cpu / c.writes, writesPerSecond: (c.writes / c.ms) * 1000 });
    return {
      writes,
      documentBytes: Buffer.byteLength(json),
      concurrent: { folderSynced: rate(concurrent.folderSynced), fileOnly: rate(concurrent.fileOnly) },
      folderSynced: { p50Ms: median(times.folderSynced), cpuUsPerWrite: cpu.folderSynced / times.folderSynced.length },
      fileOnly: { p50Ms: median(times.fileOnly), cpuUsPerWrite: cpu.fileOnly / times.fileOnly.length },
    };
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
}
