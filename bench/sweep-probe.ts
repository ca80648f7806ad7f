import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestAdapter } from 'botbuilder';
import { buildBot } from '../src/app.js';
import { createLogger } from '../src/logging/logger.js';
import { FileStore } from '../src/storage/file-store.js';
import { StoreSweep } from '../src/storage/store-sweep.js';
import { summaryRetentionRules } from '../src/summaries/summary-retention.js';
import { conversationSweepRule } from '../src/turn/conversation-sweep.js';
import { enumeratePaths } from './flow-paths.js';
import { InProcessDesk } from './in-process-desk.js';
import { EventLoopPauses, MainThreadSchedule, type LoopPause } from './event-loop-pauses.js';
import { DAY_MS } from '../src/clock/durations.js';
import { describeFileSystem } from './file-system.js';
import { unrecognisedRetentionRule } from '../src/statistics/unrecognised-phrases.js';

/**
 * Child process: the CPU per in-process turn with many conversations stored beside it (half of
 * them abandoned long ago, half recent), against an empty store, in alternating batches; then the
 * hourly sweep over that store, timed while a timer measures how long the event loop is held
 * (turns would wait that long); then the turns again, right after the sweep deleted half the
 * files. Sends a SweepProbeResult to its parent over IPC.
 *
 * Why the disk settles first, and the turns are measured twice: on an ext4 file system without a
 * journal (this project's build machines), the kernel skips inodes deleted in the last minute (six
 * while their inode table block is unwritten) when it makes a new file, reading each one's inode
 * block; every write makes one (its temp file), under the folder's lock. For a few minutes after
 * many files were deleted (by the sweep, or by an earlier bench part cleaning up), a write costs
 * more kernel time (perf on the probe right after the sweep: recently_deleted and the lock spinning
 * behind it were 13 % of the process's samples, against 1.3 % beside the empty store), and without
 * the settling the figure followed the file system's recent history more than the store
 * (0.99-1.78x over one day's runs). With a journal ext4 does not make this check.
 */

export interface SweepProbeResult {
  readonly conversations: number;
  readonly deleted: number;
  readonly sweepMs: number;
  readonly sweepCpuMs: number;
  /** Longest the event loop was held during the sweep (a 1 ms timer's largest lateness). */
  readonly maxEventLoopDelayMs: number;
  readonly p99EventLoopDelayMs: number;
  /** The same less the time the main thread only waited for a CPU (other processes): what the sweeping process held it for. */
  readonly maxOwnEventLoopDelayMs: number;
  /** The longest pauses, each with how long the main thread ran, waited for a CPU, and was in garbage collection. */
  readonly longestPauses: readonly LoopPause[];
  /** Longest garbage-collection pause during the sweep. */
  readonly longestGcMs: number;
  /** In-process CPU per turn, µs: with the conversations stored beside (before the sweep), and with an empty store. */
  readonly turnCpuUs: TurnCpu;
  /**
   * The same, the main thread's CPU alone (Linux schedstat; undefined elsewhere). The process's
   * figure also counts the thread pool's file-system calls (mostly kernel time) and V8's helper
   * threads, which vary from run to run far more than the turn's own work.
   */
  readonly turnMainThreadUs?: TurnCpu;
  /** How long the disk was left to settle before the turns beside the stored conversations (ext4 without a journal; 0 elsewhere). */
  readonly settleMs?: number;
  /** The same two, measured right after the sweep deleted the abandoned half (see above why they differ). */
  readonly afterSweep?: { readonly turnCpuUs: TurnCpu; readonly turnMainThreadUs?: TurnCpu };
}

interface TurnCpu {
  readonly full: number;
  readonly empty: number;
}

const conversations = Number(process.env.BENCH_SWEEP_CONVERSATIONS ?? '100000');
const flowsDir = process.env.FLOWS_DIR ?? 'flows';
const cardsDir = process.env.CARDS_DIR ?? 'cards';
const HOUR = 3_600_000;
/** ext4 without a journal skips inodes deleted in the last 60 s (clean inode block) when it makes a file; a little more than that. */
const SETTLE_MS = 65_000;

const full = mkdtempSync(join(tmpdir(), 'baliewijzer-bench-sweep-'));
const empty = mkdtempSync(join(tmpdir(), 'baliewijzer-bench-sweep-empty-'));
try {
  // The file store's own layout and format (file-store.ts): one JSON file per conversation.
  const folder = join(full, 'baliewijzer', 'conversations', 'msteams');
  mkdirSync(folder, { recursive: true });
  const now = Date.now();
  for (let i = 0; i < conversations; i++) {
    const old = i % 2 === 0;
    const at = new Date(now - (old ? 48 * HOUR : HOUR));
    const id = `a:sweep-conversation-${i}`;
    const document = { turns: { touchedAt: at.toISOString(), seen: ['AAAAAAAAAAAA'] }, case: { caseId: `case-${i}`, flowId: 'klant-kan-niet-inloggen', flowVersion: 3, trail: ['lukt-niet', 'gedaan'], startedAt: at.toISOString() } };
    const file = join(folder, `${encodeURIComponent(id)}.json`);
    writeFileSync(file, JSON.stringify({ key: `baliewijzer/conversations/msteams/${id}`, eTag: `etag-${i}`, document }));
    utimesSync(file, at, at);
  }

  const log = createLogger('silent');
  const store = FileStore.open(full, log);
  const bots = {
    full: buildBot({ FLOWS_DIR: flowsDir, CARDS_DIR: cardsDir, PACE_OUTGOING: 'off' }, log, new TestAdapter(), { store }),
    empty: buildBot({ FLOWS_DIR: flowsDir, CARDS_DIR: cardsDir, PACE_OUTGOING: 'off' }, log, new TestAdapter(), { store: FileStore.open(empty, log) }),
  };
  const desks = { full: new InProcessDesk(bots.full), empty: new InProcessDesk(bots.empty) };
  const paths = enumeratePaths(bots.full.catalog).filter((p) => p.clicks.length > 0);
  const schedule = new MainThreadSchedule();

  /** CPU per turn beside the stored conversations, against an empty store: alternating batches of 20 staff walking a path each, the first round as warm-up. */
  const turnBatches = async (phase: string): Promise<{ turnCpuUs: TurnCpu; turnMainThreadUs?: TurnCpu }> => {
    const cpu = { full: 0, empty: 0 };
    const mainThread = { full: 0, empty: 0 };
    const turns = { full: 0, empty: 0 };
    for (let round = 0; round < 8; round++) {
      for (const name of round % 2 === 0 ? (['full', 'empty'] as const) : (['empty', 'full'] as const)) {
        const desk = desks[name];
        const before = process.cpuUsage();
        const ranBefore = schedule.read()?.[0];
        const turnsBefore = desk.turns;
        await Promise.all(
          Array.from({ length: 20 }, async (_, d) => {
            const conversation = `turns-${phase}-${name}-${round}-${d}`;
            const menu = await desk.turn(conversation, { text: 'menu' });
            const path = paths[(round * 20 + d) % paths.length];
            if (path) await desk.walk(conversation, menu, path, path.clicks.length);
          }),
        );
        const spent = process.cpuUsage(before);
        if (round > 0) {
          cpu[name] += spent.user + spent.system;
          const ranAfter = schedule.read()?.[0];
          if (ranBefore !== undefined && ranAfter !== undefined) mainThread[name] += (ranAfter - ranBefore) / 1000;
          turns[name] += desk.turns - turnsBefore;
        }
      }
    }
    return {
      turnCpuUs: { full: cpu.full / turns.full, empty: cpu.empty / turns.empty },
      turnMainThreadUs: schedule.available ? { full: mainThread.full / turns.full, empty: mainThread.empty / turns.empty } : undefined,
    };
  };

  // Without a journal, files deleted in the minutes before (an earlier bench part's clean-up) would
  // make the stores' writes dearer by the file system's history, not by what is stored: flush the
  // disk and wait out ext4's 60 s window first. The phase after the sweep does not wait.
  const settleMs = describeFileSystem(full) === 'ext4 without a journal' ? SETTLE_MS : 0;
  if (settleMs > 0) {
    spawnSync('sync', ['-f', full]);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
  const sweepStarted = new Date();
  const beside = await turnBatches('beside');

  // The sweep app.ts builds over a file store: every rule, and the file store's housekeeping.
  const sweep = new StoreSweep({
    store,
    rules: [conversationSweepRule(24), ...summaryRetentionRules(30), unrecognisedRetentionRule(30)],
    housekeeping: (at) => store.removeLeftovers({ tempBefore: sweepStarted, corruptBefore: new Date(at.getTime() - 30 * DAY_MS) }),
    log,
  });
  const pauses = new EventLoopPauses();
  pauses.start();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deleted = await sweep.sweepOnce();
  const sweepMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const loop = pauses.stop();

  const afterSweep = await turnBatches('after-sweep');

  schedule.close();
  const result: SweepProbeResult = {
    conversations,
    deleted,
    sweepMs,
    sweepCpuMs: (used.user + used.system) / 1000,
    maxEventLoopDelayMs: loop.maxDelayMs,
    p99EventLoopDelayMs: loop.p99DelayMs,
    maxOwnEventLoopDelayMs: loop.maxOwnDelayMs,
    longestGcMs: loop.longestGcMs,
    longestPauses: loop.longest,
    ...beside,
    settleMs,
    afterSweep,
  };
  if (process.send) process.send(result, () => process.exit(0));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(full, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
}
