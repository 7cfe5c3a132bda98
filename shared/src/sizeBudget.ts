export interface SizeBudgetOptions {
  /** Largest size allowed. */
  limit: number;
  /** The exact current size; may be costly (it encodes the whole document), so it is called rarely. */
  measure(): number;
}

/**
 * Answers "would `extra` more bytes stay within the limit?" without measuring on every
 * change: it keeps an upper bound (the last exact size plus every change since) and
 * measures only when that bound would pass the limit.
 */
export class SizeBudget {
  readonly limit: number;
  private readonly measure: () => number;
  /** The last exact size, or null before the first measure. */
  private exact: number | null = null;
  private since = 0;

  constructor(options: SizeBudgetOptions) {
    this.limit = options.limit;
    this.measure = options.measure;
  }

  /** Records a change of `bytes` (an update applied): the size grew by at most that much. */
  grew(bytes: number): void {
    this.since += bytes;
  }

  /** Whether the size plus `extra` bytes stays within the limit. */
  fits(extra: number): boolean {
    if (this.exact !== null && this.exact + this.since + extra <= this.limit) return true;
    this.exact = this.measure();
    this.since = 0;
    return this.exact + extra <= this.limit;
  }
}
