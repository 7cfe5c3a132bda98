/**
 * Bytes received in pieces, consumed from the front. Pieces are kept as they came (no
 * copy on push) and a read copies at most the bytes it returns, so parsing a stream costs
 * time linear in its size however finely it is cut — unlike re-concatenating the
 * unconsumed rest on every chunk, which copies a large frame over and over while it
 * trickles in (quadratic: seconds of blocked event loop for a few MB of output).
 */
export class ByteQueue {
  #pieces: Buffer[] = [];
  /** Index of the first piece not wholly consumed (shift() would copy the array each time). */
  #head = 0;
  /** Bytes of #pieces[#head] already consumed. */
  #offset = 0;
  #length = 0;

  /** Bytes held and not yet consumed. */
  get length(): number {
    return this.#length;
  }

  push(chunk: Buffer): void {
    if (chunk.byteLength === 0) return;
    this.#pieces.push(chunk);
    this.#length += chunk.byteLength;
  }

  /** Position of the first `byte` within the first `limit` bytes, or -1. Scans at most `limit` bytes. */
  indexOf(byte: number, limit: number): number {
    let base = 0;
    let start = this.#offset;
    for (let i = this.#head; i < this.#pieces.length && base < limit; i++) {
      const piece = this.#pieces[i] as Buffer;
      const end = Math.min(piece.byteLength, start + limit - base);
      const found = piece.subarray(start, end).indexOf(byte);
      if (found >= 0) return base + found;
      base += end - start;
      start = 0;
    }
    return -1;
  }

  /** Removes and returns the first `n` bytes as a new buffer: each byte is copied once, here. */
  take(n: number): Buffer {
    if (n > this.#length) throw new RangeError(`take(${n}) with ${this.#length} bytes queued`);
    const parts: Buffer[] = [];
    for (let left = n; left > 0; ) {
      const part = this.takePiece(left);
      parts.push(part);
      left -= part.byteLength;
    }
    // A copy even from a single piece: the result must not keep a whole received chunk alive.
    return Buffer.concat(parts, n);
  }

  /** Removes and returns up to `n` bytes from the front without copying: at most one piece's worth. */
  takePiece(n: number): Buffer {
    const first = this.#pieces[this.#head];
    if (!first || n <= 0) return Buffer.alloc(0);
    const out = first.subarray(this.#offset, this.#offset + n);
    this.#length -= out.byteLength;
    this.#offset += out.byteLength;
    if (this.#offset === first.byteLength) {
      this.#head++;
      this.#offset = 0;
      this.#dropConsumed();
    }
    return out;
  }

  /** Drops consumed pieces in bulk: amortised constant time per piece. */
  #dropConsumed(): void {
    if (this.#head === this.#pieces.length) {
      this.#pieces = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#pieces.length) {
      this.#pieces = this.#pieces.slice(this.#head);
      this.#head = 0;
    }
  }
}
