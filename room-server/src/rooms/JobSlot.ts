import type { JobLock } from './RoomRelay.ts';

/** Refused while the slot is taken; an unreachable cluster refuses too (nothing starts twice). */
const UNREACHABLE = 'Nothing can start now: the servers cannot reach each other. Try again in a moment.';

interface Occupant {
  what: string;
  /** Whether it runs on this server (else: another server's job, shown here). */
  here: boolean;
  stop(): void;
}

/**
 * The one thing a room may be doing at a time: a run or a submission. Occupied
 * synchronously, so two requests in the same tick cannot both start; with other servers
 * (a `lock`), the job starts only once the cluster-wide slot is taken too. A job releases
 * the slot as soon as its last event is out (people may start the next one at once), and
 * finishes storing its result afterwards; close() waits for that too.
 */
export class JobSlot {
  private active: Occupant | null = null;
  private readonly unfinished = new Set<Promise<void>>();

  constructor(private readonly lock: JobLock | null = null) {}

  /** Why a new job cannot start now, or null when the slot is free. */
  get refusal(): string | null {
    return this.active ? refusalOf(this.active.what) : null;
  }

  /**
   * Runs `work` in the slot; `what` names it in refusals ("A run started by Ann").
   * `work` calls `release` once its final event is published; the slot is released at
   * the latest when `work` settles. If another server holds the room's slot, `work` never
   * runs and `refused` is told why.
   */
  occupy(
    what: string,
    work: (signal: AbortSignal, release: () => void) => Promise<void>,
    refused: (message: string) => void,
  ): void {
    const abort = new AbortController();
    const job: Occupant = { what, here: true, stop: () => abort.abort() };
    this.active = job;
    let claimed = false;
    const release = () => {
      if (this.active === job) this.active = null;
      if (claimed) {
        claimed = false;
        this.lock?.release();
      }
    };
    const lock = this.lock;
    const running = !lock
      ? work(abort.signal, release)
      : claim(lock, what).then((refusal) => {
          if (refusal !== null) {
            release();
            refused(refusal);
            return;
          }
          claimed = true;
          return work(abort.signal, release);
        });
    const done: Promise<void> = running.finally(() => {
      release();
      this.unfinished.delete(done);
    });
    this.unfinished.add(done);
  }

  /**
   * Marks the slot taken by another server's job, shown here; `stop` asks that server to
   * stop it. Returns the release (the job ended there).
   */
  hold(what: string, stop: () => void): () => void {
    const job: Occupant = { what, here: false, stop };
    this.active = job;
    return () => {
      if (this.active === job) this.active = null;
    };
  }

  /** Stops the active job, wherever it runs; false when there was none. */
  stop(): boolean {
    if (!this.active) return false;
    this.active.stop();
    return true;
  }

  /** Stops the active job if it runs on this server (its room empties or ends here). */
  stopHere(): void {
    if (this.active?.here) this.active.stop();
  }

  /** Whether the active job runs on this server. */
  get runsHere(): boolean {
    return this.active?.here === true;
  }

  /** Resolves once every job of this server has finished and stored its result. */
  async idle(): Promise<void> {
    await Promise.all(this.unfinished);
  }

  /** Stops this server's active job and waits until every job has finished and stored its result. */
  async close(): Promise<void> {
    this.stopHere();
    await this.idle();
  }
}

function refusalOf(what: string): string {
  return `${what} is still going. Wait for it to finish or press Stop.`;
}

/** null once the room's cluster-wide slot is taken, else why not. */
async function claim(lock: JobLock, what: string): Promise<string | null> {
  try {
    const holder = await lock.acquire(what);
    return holder === null ? null : refusalOf(holder);
  } catch {
    // The lock's own connection reports Redis errors; the person is told to retry.
    return UNREACHABLE;
  }
}
