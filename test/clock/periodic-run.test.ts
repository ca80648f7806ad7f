import { describe, expect, it } from 'vitest';
import { PeriodicRun } from '../../src/clock/periodic-run.js';

/** A run that waits until the test lets it finish. */
function gatedWork() {
  let release: (n: number) => void = () => undefined;
  let started = 0;
  const run = (): Promise<number> => {
    started += 1;
    return new Promise<number>((resolve) => {
      release = resolve;
    });
  };
  return { run, started: () => started, finish: (n: number) => release(n) };
}

describe('a periodic housekeeping run', () => {
  it('never runs twice at once: a second call joins the run in progress and gets its result', async () => {
    const work = gatedWork();
    const periodic = new PeriodicRun({ run: work.run, everyMs: 60_000, failed: () => undefined });
    const first = periodic.runOnce();
    const second = periodic.runOnce();
    work.finish(3);
    expect(await Promise.all([first, second])).toEqual([3, 3]);
    expect(work.started()).toBe(1);
    const third = periodic.runOnce();
    work.finish(1);
    expect(await third).toBe(1);
    expect(work.started()).toBe(2);
  });

  it('reports a failed run, counts it as nothing done, and runs again the next time', async () => {
    const failures: unknown[] = [];
    let calls = 0;
    const periodic = new PeriodicRun({
      run: () => (++calls === 1 ? Promise.reject(new Error('disk gone')) : Promise.resolve(2)),
      everyMs: 60_000,
      failed: (error) => failures.push(error),
    });
    expect(await periodic.runOnce()).toBe(0);
    expect(failures).toHaveLength(1);
    expect(await periodic.runOnce()).toBe(2);
  });

  it('stop waits for the run in progress, so a shutdown does not cut it off', async () => {
    const work = gatedWork();
    const periodic = new PeriodicRun({ run: work.run, everyMs: 60_000, failed: () => undefined });
    periodic.start();
    expect(work.started()).toBe(1);
    let stopped = false;
    const stopping = periodic.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    work.finish(0);
    await stopping;
    expect(stopped).toBe(true);
  });
});
