/**
 * Runs `task` after `debounceMs` of quiet, but never later than `maxWaitMs` after the
 * first unrun `schedule()`. Runs never overlap: a schedule during a run queues one more.
 */
export class DebouncedTask {
  private timer: NodeJS.Timeout | undefined;
  private firstScheduledAt: number | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly task: () => Promise<void>,
    private readonly debounceMs: number,
    private readonly maxWaitMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  get pending(): boolean {
    return this.timer !== undefined;
  }

  schedule(): void {
    const now = Date.now();
    this.firstScheduledAt ??= now;
    clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(this.debounceMs, this.firstScheduledAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  /** Runs the task now if one is scheduled; resolves when every run so far has finished. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.firstScheduledAt = undefined;
      this.running = this.running.then(() => this.task().catch(this.onError));
    }
    return this.running;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstScheduledAt = undefined;
  }
}
