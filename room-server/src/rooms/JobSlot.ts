/**
 * The one thing a room may be doing at a time: a run or a submission. Occupied
 * synchronously, so two requests in the same tick cannot both start.
 */
export class JobSlot {
  private active: { what: string; abort: AbortController; done: Promise<void> } | null = null;

  /** Why a new job cannot start now, or null when the slot is free. */
  get refusal(): string | null {
    return this.active ? `${this.active.what} is still going. Wait for it to finish or press Stop.` : null;
  }

  /** Runs `work` in the slot; `what` names it in refusals ("A run started by Ann"). */
  occupy(what: string, work: (signal: AbortSignal) => Promise<void>): void {
    const abort = new AbortController();
    const slot = { what, abort, done: Promise.resolve() };
    this.active = slot;
    slot.done = work(abort.signal).finally(() => {
      if (this.active === slot) this.active = null;
    });
  }

  /** Stops the active job; false when there was none. */
  stop(): boolean {
    if (!this.active) return false;
    this.active.abort.abort();
    return true;
  }

  /** Stops the active job and waits until it has finished (and stored its result). */
  async close(): Promise<void> {
    const active = this.active;
    if (!active) return;
    active.abort.abort();
    await active.done;
  }
}
