import type { StdinChunk } from './runEvents.ts';

/**
 * A Run's live stdin as it arrives (typed in a room, posted to the judge service, read
 * from Redis): whoever receives it pushes, the judge reads it once (RunOptions.stdin).
 * Ends after a chunk with `eof`, or when its run ends (`end()`), so no reader waits on
 * it forever. Unbounded: senders cap what a run takes (MAX_STDIN_BYTES).
 */
export class StdinChannel implements AsyncIterable<StdinChunk> {
  #items: StdinChunk[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  /** False once it ended (the chunk is dropped). */
  push(chunk: StdinChunk): boolean {
    if (this.#ended) return false;
    this.#items.push(chunk);
    if (chunk.eof) this.#ended = true;
    this.#notify();
    return true;
  }

  end(): void {
    this.#ended = true;
    this.#notify();
  }

  get ended(): boolean {
    return this.#ended;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StdinChunk, void, undefined> {
    for (;;) {
      const next = this.#items.shift();
      if (next) yield next;
      else if (this.#ended) return;
      else await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/**
 * Hands each chunk of `stdin` to `each`, one at a time, in order, until the input ends,
 * `each` returns false, or `until` aborts (its run ended: a chunk still awaited then is
 * never read, so an input that never ends cannot hold the reader).
 */
export async function pipeStdin(
  stdin: AsyncIterable<StdinChunk>,
  until: AbortSignal,
  each: (chunk: StdinChunk) => boolean | Promise<boolean>,
): Promise<void> {
  const chunks = stdin[Symbol.asyncIterator]();
  const over = new Promise<'over'>((resolve) => {
    if (until.aborted) resolve('over');
    else until.addEventListener('abort', () => resolve('over'), { once: true });
  });
  for (;;) {
    const next = await Promise.race([chunks.next(), over]);
    if (next === 'over' || next.done || !(await each(next.value))) return;
  }
}
