/**
 * How long a job's output may wait for more before it goes to the room. A program doing
 * many tiny writes otherwise reaches every browser (and every other server) as one frame
 * per judge event: 20,000 one-byte writes made ≈ 1,300 frames. A few milliseconds are
 * not seen by people and merge a burst into one frame.
 */
export const OUTPUT_HOLD_MS = 15;

export interface OutputCoalescerOptions<E> {
  /** Whether an event may wait to be merged with the next (output may; an exit never). */
  holds(event: E): boolean;
  /** `held` and `next` as one event, or null when they cannot be one (then `held` goes first). */
  merge(held: E, next: E): E | null;
  /** Where events go, in the order they came, merged where they could be. */
  send(event: E): void;
  holdMs?: number;
}

/**
 * One job's events on their way to the room: an event that holds waits up to `holdMs`
 * for the next ones to merge into it; any event that cannot merge sends what waits first,
 * so order is kept and a job's last event always comes after all of its output.
 */
export class OutputCoalescer<E> {
  private held: { event: E } | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OutputCoalescerOptions<E>) {}

  push(event: E): void {
    const { holds, merge, send, holdMs = OUTPUT_HOLD_MS } = this.options;
    if (this.held) {
      const merged = merge(this.held.event, event);
      if (merged !== null) {
        this.held.event = merged;
        return;
      }
      this.flush();
    }
    if (!holds(event)) {
      send(event);
      return;
    }
    this.held = { event };
    this.timer = setTimeout(() => this.flush(), holdMs);
  }

  /** Sends what waits, now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const held = this.held;
    this.held = null;
    if (held) this.options.send(held.event);
  }
}
