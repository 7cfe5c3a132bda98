/** Thrown by `Semaphore.acquire` when the signal fires while waiting. */
export class AcquireAbortedError extends Error {
  readonly reason = 'aborted';
  constructor() {
    super('Aborted while waiting for a free slot');
  }
}

/** Limits how many runs hold a sandbox at once; the rest wait in FIFO order. */
export class Semaphore {
  #free: number;
  #waiting: Array<{ grant: () => void }> = [];

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError('permits must be a positive integer');
    this.#free = permits;
  }

  /** Resolves with a release function (safe to call twice) once a slot is free. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AcquireAbortedError());
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#releaser());
        },
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(entry), 1);
        reject(new AcquireAbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(entry);
    });
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight to the next waiter so a newcomer cannot overtake it.
      const next = this.#waiting.shift();
      if (next) next.grant();
      else this.#free++;
    };
  }
}
