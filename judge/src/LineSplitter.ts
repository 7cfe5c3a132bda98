/**
 * Splits NDJSON text that arrives in arbitrary pieces into complete lines. Blank lines are
 * skipped. A line longer than `maxLineChars` is an error: it bounds memory when a peer
 * misbehaves (a real event line is at most a few times the output cap).
 *
 * Each piece is scanned once: the start of an unfinished line is kept as a list of pieces
 * and joined only when its newline arrives, not re-joined and re-split on every push (which
 * is quadratic in the length of a line that arrives in many pieces).
 */
export class LineSplitter {
  #rest: string[] = [];
  #restChars = 0;

  constructor(readonly maxLineChars = 16 * 1024 * 1024) {}

  push(text: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      this.#rest.push(text.slice(start, newline));
      const line = this.#rest.join('');
      this.#rest = [];
      this.#restChars = 0;
      if (line.trim() !== '') lines.push(line);
      start = newline + 1;
    }
    if (start < text.length) {
      this.#rest.push(text.slice(start));
      this.#restChars += text.length - start;
      if (this.#restChars > this.maxLineChars)
        throw new Error(`NDJSON line longer than ${this.maxLineChars} characters`);
    }
    return lines;
  }

  /** The unterminated last line, if any (a well-formed stream ends with '\n'). */
  end(): string | undefined {
    const rest = this.#rest.join('');
    this.#rest = [];
    this.#restChars = 0;
    return rest.trim() === '' ? undefined : rest;
  }
}
