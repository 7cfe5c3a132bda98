/** Tests in flight at once: the one running plus those queued behind it in the sandbox. */
export const PIPELINE_DEPTH = 4;
/** Input bytes of queued tests (beyond the running one) held in flight at most. */
export const PIPELINE_INPUT_BYTES = 1 << 20;

/**
 * Starts a submission's tests ahead of the one being judged, so the sandbox never waits
 * for a round trip to the host between two tests: while test i is judged, tests up to
 * i + PIPELINE_DEPTH - 1 are already started (queued in the sandbox), within
 * PIPELINE_INPUT_BYTES of their inputs. Results are taken in order; a test started but
 * never taken (the job stopped at a failure) is simply dropped with its container.
 */
export class TestPipeline<T> {
  readonly #started: Promise<T>[] = [];

  constructor(
    private readonly inputBytes: readonly number[],
    private readonly start: (index: number) => Promise<T>,
    private readonly limits = { depth: PIPELINE_DEPTH, bytes: PIPELINE_INPUT_BYTES },
  ) {}

  /** Test `index`'s result, starting the tests behind it that fit in the pipeline. */
  result(index: number): Promise<T> {
    let queuedBytes = 0;
    for (let next = index; next < this.inputBytes.length && next < index + this.limits.depth; next++) {
      if (next > index) {
        queuedBytes += this.inputBytes[next] ?? 0;
        if (queuedBytes > this.limits.bytes) break;
      }
      if (this.#started[next]) continue;
      const started = this.start(next);
      // Taken (and its rejection handled) later, or dropped when the job stops first.
      started.catch(() => undefined);
      this.#started[next] = started;
    }
    const own = this.#started[index];
    if (!own) throw new Error(`test ${index} is out of range`);
    return own;
  }
}
