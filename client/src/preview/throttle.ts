/**
 * Runs an async task at most once per `ms` and never twice at once: calls while it waits or runs
 * join the next run, so the last call is always served and a slow run (a large document's render)
 * does not pile up others behind it. A failed run goes to `failed` and the next call runs again.
 */
export class Throttle {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Asked for while running: another run once this one settles, at once or after the wait. */
  private queued: 'now' | 'later' | undefined;

  constructor(private readonly task: () => Promise<void>, private readonly ms: number, private readonly failed: (error: unknown) => void) {}

  /** Runs the task `ms` from now, or from when the running one settles. */
  schedule(): void {
    if (this.running) this.queued ??= 'later';
    else this.timer ??= setTimeout(() => void this.run(), this.ms);
  }

  /** Runs the task at once, or as soon as the running one settles. */
  now(): void {
    if (this.running) this.queued = 'now';
    else void this.run();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queued = undefined;
  }

  private async run(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = true;
    try {
      await this.task();
    } catch (e) {
      this.failed(e);
    } finally {
      this.running = false;
      const queued = this.queued;
      this.queued = undefined;
      if (queued === 'now') this.now();
      else if (queued === 'later') this.schedule();
    }
  }
}
