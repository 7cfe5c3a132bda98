/**
 * Splits NDJSON text that arrives in arbitrary pieces into complete lines. Blank lines are
 * skipped. A line longer than `maxLineChars` is an error: it bounds memory when a peer
 * misbehaves (a real event line is at most a few times the output cap).
 */
export class LineSplitter {
  #rest = '';

  constructor(readonly maxLineChars = 16 * 1024 * 1024) {}

  push(text: string): string[] {
    const parts = (this.#rest + text).split('\n');
    this.#rest = parts.pop() ?? '';
    if (this.#rest.length > this.maxLineChars)
      throw new Error(`NDJSON line longer than ${this.maxLineChars} characters`);
    return parts.filter((line) => line.trim() !== '');
  }

  /** The unterminated last line, if any (a well-formed stream ends with '\n'). */
  end(): string | undefined {
    const rest = this.#rest;
    this.#rest = '';
    return rest.trim() === '' ? undefined : rest;
  }
}
