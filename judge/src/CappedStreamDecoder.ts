/**
 * Turns one output stream's bytes into text as they arrive, keeping at most `limitBytes`.
 * Multi-byte characters split across chunks are held back until complete (streaming
 * TextDecoder), so an event never carries half a character.
 */
export class CappedStreamDecoder {
  readonly #decoder = new TextDecoder('utf-8');
  #bytes = 0;
  #truncated = false;

  constructor(readonly limitBytes: number) {}

  /** `truncated` is true (once) when this chunk went past the limit; text then holds what still fit. */
  push(chunk: Uint8Array): { text: string; truncated: boolean } {
    if (this.#truncated) return { text: '', truncated: false };
    const room = this.limitBytes - this.#bytes;
    if (chunk.byteLength <= room) {
      this.#bytes += chunk.byteLength;
      return { text: this.#decoder.decode(chunk, { stream: true }), truncated: false };
    }
    this.#bytes = this.limitBytes;
    this.#truncated = true;
    // No flush: a character cut by the limit is dropped rather than shown as U+FFFD.
    return { text: this.#decoder.decode(chunk.subarray(0, room), { stream: true }), truncated: true };
  }

  /** Text of an incomplete trailing character at end of stream (as U+FFFD), usually ''. */
  end(): string {
    return this.#truncated ? '' : this.#decoder.decode();
  }

  get truncated(): boolean {
    return this.#truncated;
  }
}
