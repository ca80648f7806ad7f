/**
 * A piece of housekeeping run at start and then every `everyMs` (the store sweep, the handover
 * digest): never two runs at once (a call during a run gets that run's result), a failed run is
 * reported and counts as 0, the timer does not keep the process alive, and `stop` waits for a
 * run in progress so a shutdown does not cut it off halfway.
 */
export class PeriodicRun {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly options: {
      /** The work; resolves with how much it did (items deleted, digests posted). */
      readonly run: () => Promise<number>;
      readonly everyMs: number;
      /** Told of a run that failed (to log it); the next run comes as planned. */
      readonly failed: (error: unknown) => void;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.everyMs);
    this.timer.unref();
    void this.runOnce();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs now, or joins the run in progress. */
  runOnce(): Promise<number> {
    this.running ??= this.options
      .run()
      .catch((error: unknown) => {
        this.options.failed(error);
        return 0;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
