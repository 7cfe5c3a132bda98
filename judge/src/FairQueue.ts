/** The queue already holds its maximum of waiting jobs. */
export class QueueFullError extends Error {
  readonly reason = 'queue-full';
  constructor(readonly maxQueued: number) {
    super(`The code runner is busy (${maxQueued} jobs are already waiting). Try again in a moment.`);
  }
}

/** The job's signal fired while it waited. */
export class QueueAbortedError extends Error {
  readonly reason = 'aborted';
  constructor() {
    super('Aborted while waiting for a free sandbox');
  }
}

interface Waiter {
  key: string;
  position: number;
  /** performance.now() when it started waiting. */
  since: number;
  onPosition?: (position: number) => void;
  grant(): void;
}

/**
 * Bounded job queue with `concurrency` slots, fair between keys (rooms): waiting jobs
 * are served round-robin across keys, FIFO within a key, so a room that queues many
 * jobs delays another room by at most one job per turn. Both Run and Submit wait here.
 */
export class FairQueue {
  readonly concurrency: number;
  readonly maxQueued: number;
  #running = 0;
  /** Keys with waiting jobs, in serving order: the front key is served next, then moves to the back. */
  #keys: string[] = [];
  readonly #waiting = new Map<string, Waiter[]>();
  #size = 0;
  readonly #onGranted: ((waitedMs: number) => void) | undefined;

  /** `onGranted` hears how long each job waited for its slot (0 when one was free), for metrics. */
  constructor(options: { concurrency: number; maxQueued: number; onGranted?: (waitedMs: number) => void }) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError('concurrency must be a positive integer');
    }
    this.concurrency = options.concurrency;
    this.maxQueued = options.maxQueued;
    this.#onGranted = options.onGranted;
  }

  /**
   * Resolves with a release function (safe to call twice) once the job may run.
   * `onPosition` hears the job's place in line (1 = next) when it has to wait and
   * whenever that place changes; it is not called when a slot is free at once.
   * Rejects with QueueFullError or QueueAbortedError.
   */
  acquire(key: string, signal: AbortSignal, onPosition?: (position: number) => void): Promise<() => void> {
    if (signal.aborted) return Promise.reject(new QueueAbortedError());
    if (this.#running < this.concurrency && this.#size === 0) {
      this.#running++;
      this.#onGranted?.(0);
      return Promise.resolve(this.#releaser());
    }
    if (this.#size >= this.maxQueued) return Promise.reject(new QueueFullError(this.maxQueued));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        key,
        position: 0,
        since: performance.now(),
        onPosition,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          this.#onGranted?.(performance.now() - waiter.since);
          resolve(this.#releaser());
        },
      };
      const onAbort = () => {
        this.#remove(waiter);
        reject(new QueueAbortedError());
        this.#announce();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const list = this.#waiting.get(key);
      if (list) list.push(waiter);
      else {
        this.#waiting.set(key, [waiter]);
        this.#keys.push(key);
      }
      this.#size++;
      this.#announce();
    });
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#size;
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#next();
      // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
      if (next) next.grant();
      else this.#running--;
      this.#announce();
    };
  }

  #next(): Waiter | undefined {
    const key = this.#keys.shift();
    if (key === undefined) return undefined;
    const list = this.#waiting.get(key) ?? [];
    const waiter = list.shift();
    if (list.length > 0) this.#keys.push(key);
    else this.#waiting.delete(key);
    this.#size--;
    return waiter;
  }

  #remove(waiter: Waiter): void {
    const list = this.#waiting.get(waiter.key);
    const index = list?.indexOf(waiter) ?? -1;
    if (!list || index < 0) return;
    list.splice(index, 1);
    this.#size--;
    if (list.length === 0) {
      this.#waiting.delete(waiter.key);
      this.#keys = this.#keys.filter((k) => k !== waiter.key);
    }
  }

  /** The order the waiters will be served in: round r takes every key's r-th job. */
  #order(): Waiter[] {
    const order: Waiter[] = [];
    for (let round = 0; order.length < this.#size; round++) {
      for (const key of this.#keys) {
        const waiter = this.#waiting.get(key)?.[round];
        if (waiter) order.push(waiter);
      }
    }
    return order;
  }

  #announce(): void {
    this.#order().forEach((waiter, index) => {
      if (waiter.position === index + 1) return;
      waiter.position = index + 1;
      waiter.onPosition?.(waiter.position);
    });
  }
}
