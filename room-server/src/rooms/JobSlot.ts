/**
 * The one thing a room may be doing at a time: a run or a submission. Occupied
 * synchronously, so two requests in the same tick cannot both start. A job releases the
 * slot as soon as its last event is out (people may start the next one at once), and
 * finishes storing its result afterwards; close() waits for that too.
 */
export class JobSlot {
  private active: { what: string; abort: AbortController } | null = null;
  private readonly unfinished = new Set<Promise<void>>();

  /** Why a new job cannot start now, or null when the slot is free. */
  get refusal(): string | null {
    return this.active ? `${this.active.what} is still going. Wait for it to finish or press Stop.` : null;
  }

  /**
   * Runs `work` in the slot; `what` names it in refusals ("A run started by Ann").
   * `work` calls `release` once its final event is published; the slot is released at
   * the latest when `work` settles.
   */
  occupy(what: string, work: (signal: AbortSignal, release: () => void) => Promise<void>): void {
    const job = { what, abort: new AbortController() };
    this.active = job;
    const release = () => {
      if (this.active === job) this.active = null;
    };
    const done: Promise<void> = work(job.abort.signal, release).finally(() => {
      release();
      this.unfinished.delete(done);
    });
    this.unfinished.add(done);
  }

  /** Stops the active job; false when there was none. */
  stop(): boolean {
    if (!this.active) return false;
    this.active.abort.abort();
    return true;
  }

  /** Stops the active job and waits until every job has finished and stored its result. */
  async close(): Promise<void> {
    this.active?.abort.abort();
    await Promise.all(this.unfinished);
  }
}
