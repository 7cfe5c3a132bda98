/**
 * FIFO between callback producers (Docker stream data, timers, abort listeners) and one
 * async consumer. Unbounded on purpose: a run stops at its output cap, which bounds what
 * can pile up here, and blocking Docker's stream would only delay the kill.
 */
export class AsyncQueue<T> {
  #items: T[] = [];
  #waiters: Array<(item: T) => void> = [];

  push(item: T): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(item);
    else this.#items.push(item);
  }

  /** Resolves with the oldest item, waiting for one if the queue is empty. */
  shift(): Promise<T> {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift() as T);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  get size(): number {
    return this.#items.length;
  }
}
