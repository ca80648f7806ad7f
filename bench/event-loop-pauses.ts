import { openSync, readSync, closeSync } from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { z } from 'zod';

/** One time the event loop was held: how late a 1 ms timer fired, and what the main thread did meanwhile. */
export interface LoopPause {
  /** When the late timer fired, ms after the watch started. */
  readonly atMs: number;
  readonly lateMs: number;
  /**
   * Of that, how long the main thread was ready to run but waited for a CPU (other processes on
   * the machine); undefined where the kernel does not say (not Linux).
   */
  readonly waitedForCpuMs: number | undefined;
  /** How long the main thread ran on a CPU meanwhile (JavaScript, garbage collection, system calls). */
  readonly ranMs: number | undefined;
  /** Garbage-collection pauses overlapping it (a scavenge waits for its helper threads, which may wait for a CPU too). */
  readonly gcMs: number;
}

export interface LoopPauseFigures {
  /** Longest the event loop was held (a 1 ms timer's largest lateness, or the delay histogram's maximum). */
  readonly maxDelayMs: number;
  readonly p99DelayMs: number;
  /**
   * Longest the event loop was held less the time its thread only waited for a CPU: what the
   * process itself held it for (its JavaScript, its garbage collection, waits on its own threads),
   * whatever else runs on the machine. Equal to maxDelayMs where the kernel does not say.
   */
  readonly maxOwnDelayMs: number;
  readonly longestGcMs: number;
  /** The longest few pauses, longest first, each with what the main thread did during it. */
  readonly longest: readonly LoopPause[];
}

/** Pauses kept for the report. */
const KEEP = 5;
/** Lateness below this is not kept as a pause (the figures above still count it). */
const NOTABLE_MS = 10;

/** `/proc/<pid>/task/<pid>/schedstat`: ns on a CPU, ns waiting for one, time slices. */
const schedstatSchema = z
  .string()
  .regex(/^\d+ \d+ \d+\s*$/)
  .transform((text) => text.trim().split(' ').map(Number));

/**
 * The main thread's CPU time and run-queue wait, read from Linux's schedstat (one pread, no
 * allocation worth the name, cheap enough for a 1 ms timer); undefined elsewhere.
 */
export class MainThreadSchedule {
  private readonly fd: number | undefined;
  private readonly buffer = Buffer.alloc(64);

  constructor() {
    try {
      this.fd = openSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'r');
    } catch {
      this.fd = undefined;
    }
  }

  /** Whether the kernel says how the main thread spent its time. */
  get available(): boolean {
    return this.fd !== undefined;
  }

  /** [ns on a CPU, ns waiting for a CPU] so far. */
  read(): readonly [number, number] | undefined {
    if (this.fd === undefined) return undefined;
    const parsed = schedstatSchema.safeParse(this.buffer.toString('utf8', 0, readSync(this.fd, this.buffer, 0, this.buffer.length, 0)));
    const [ran, waited] = parsed.success ? parsed.data : [];
    return ran === undefined || waited === undefined ? undefined : [ran, waited];
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }
}

/**
 * Watches the event loop while some work runs (the bench's store sweep): how long a turn would
 * have waited, and, per long pause, whether the process held the loop or only waited for a CPU
 * that other processes had. On a shared machine the second kind dominates the longest pauses; the
 * own figure is what the code under test answers for.
 */
export class EventLoopPauses {
  private readonly histogram = monitorEventLoopDelay({ resolution: 1 });
  private readonly schedule = new MainThreadSchedule();
  private readonly pauses: Omit<LoopPause, 'gcMs'>[] = [];
  private readonly gcs: { start: number; duration: number }[] = [];
  private readonly gcWatch = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.duration >= 1) this.gcs.push({ start: entry.startTime, duration: entry.duration });
  });
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private maxLateMs = 0;
  private maxOwnMs = 0;

  start(): void {
    this.startedAt = performance.now();
    let expected = this.startedAt + 1;
    let previous = this.schedule.read();
    this.gcWatch.observe({ entryTypes: ['gc'] });
    this.histogram.enable();
    this.timer = setInterval(() => {
      const at = performance.now();
      const now = this.schedule.read();
      const lateMs = Math.max(0, at - expected);
      const waitedForCpuMs = now && previous ? (now[1] - previous[1]) / 1e6 : undefined;
      const ranMs = now && previous ? (now[0] - previous[0]) / 1e6 : undefined;
      const ownMs = Math.max(0, lateMs - (waitedForCpuMs ?? 0));
      this.maxLateMs = Math.max(this.maxLateMs, lateMs);
      this.maxOwnMs = Math.max(this.maxOwnMs, ownMs);
      if (lateMs >= NOTABLE_MS) this.pauses.push({ atMs: at - this.startedAt, lateMs, waitedForCpuMs, ranMs });
      previous = now;
      expected = at + 1;
    }, 1);
  }

  stop(): LoopPauseFigures {
    if (this.timer) clearInterval(this.timer);
    this.histogram.disable();
    this.gcWatch.disconnect();
    this.schedule.close();
    const gcOverlap = (pause: Omit<LoopPause, 'gcMs'>): number => {
      const end = this.startedAt + pause.atMs;
      const start = end - pause.lateMs - 1;
      return this.gcs.reduce((sum, gc) => sum + Math.max(0, Math.min(end, gc.start + gc.duration) - Math.max(start, gc.start)), 0);
    };
    const longest = [...this.pauses]
      .sort((a, b) => b.lateMs - a.lateMs)
      .slice(0, KEEP)
      .map((pause) => ({ ...pause, gcMs: gcOverlap(pause) }));
    const histogramMaxMs = this.histogram.max / 1e6;
    return {
      maxDelayMs: Math.max(this.maxLateMs, histogramMaxMs),
      p99DelayMs: this.histogram.percentile(99) / 1e6,
      // Without the kernel's figures every pause counts as the process's own.
      maxOwnDelayMs: this.schedule.available ? this.maxOwnMs : Math.max(this.maxOwnMs, histogramMaxMs),
      longestGcMs: this.gcs.reduce((max, gc) => Math.max(max, gc.duration), 0),
      longest,
    };
  }
}
