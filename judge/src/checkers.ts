/**
 * Output checkers that need no sandbox (see checkerSchema in shared for the
 * rules). All are pure: (expected, actual) → accepted or not.
 */

/** CRLF and lone CR become LF: a solution written on Windows, or test data, must not matter. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Equal after normalising line endings and dropping trailing whitespace at the very end. */
export function exactMatch(expected: string, actual: string): boolean {
  return normalizeNewlines(expected).trimEnd() === normalizeNewlines(actual).trimEnd();
}

function tokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => t !== '');
}

/** Whitespace-separated tokens are equal; the amount and kind of whitespace is not compared. */
export function tokensMatch(expected: string, actual: string): boolean {
  const e = tokens(expected);
  const a = tokens(actual);
  return e.length === a.length && e.every((t, i) => t === a[i]);
}

/** A token that is a plain decimal or scientific number (not "Infinity", not hex). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const NAN = /^[+-]?nan$/i;

/**
 * Like tokensMatch, but when both tokens are numbers they match within either
 * tolerance: |a − e| ≤ abs or |a − e| ≤ rel·|e|. NaN (or a non-numeric token where a
 * number is expected) never matches a number.
 */
export function floatMatch(
  expected: string,
  actual: string,
  tolerance: { absTolerance: number; relTolerance: number },
): boolean {
  const e = tokens(expected);
  const a = tokens(actual);
  if (e.length !== a.length) return false;
  return e.every((et, i) => {
    const at = a[i] ?? '';
    // NaN equals nothing, not even a NaN the author expected (it cannot be within a tolerance).
    if (NAN.test(et) || NAN.test(at)) return false;
    if (!NUMBER.test(et)) return et === at;
    if (!NUMBER.test(at)) return false;
    const ev = Number(et);
    const av = Number(at);
    if (Number.isNaN(ev) || Number.isNaN(av)) return false;
    const diff = Math.abs(av - ev);
    return diff <= tolerance.absTolerance || diff <= tolerance.relTolerance * Math.abs(ev);
  });
}
