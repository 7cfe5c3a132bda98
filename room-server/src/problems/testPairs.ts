import type { TestCaseInput, TestKind } from '@codestream/shared';
import { ArchiveError } from './ArchiveError.ts';
import { testSizeProblem } from './testLimits.ts';
import { textOf, type ZipEntries } from './zipFiles.ts';

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

interface Pair {
  stem: string;
  kind: TestKind;
  input?: string;
  answer?: string;
}

/**
 * Pairs `NAME.in` with `NAME.ans` (or `NAME.out`) among the entries that `kindOf`
 * accepts, samples first, each kind in natural order of names (2 before 10).
 * Every .in needs an answer and every answer an .in: a lone file is a broken upload,
 * not something to skip silently.
 */
export function pairTestFiles(
  entries: ZipEntries,
  kindOf: (path: string) => TestKind | undefined,
  maxTestBytes: number,
): TestCaseInput[] {
  const pairs = new Map<string, Pair>();
  for (const path of entries.keys()) {
    const match = /^(.*)\.(in|ans|out)$/.exec(path);
    const kind = match && kindOf(path);
    if (!match?.[1] || !kind) continue;
    const stem = match[1];
    const pair = pairs.get(stem) ?? { stem, kind };
    pairs.set(stem, pair);
    if (match[2] === 'in') pair.input = path;
    // .ans is the ICPC name; .out is accepted when there is no .ans.
    else if (match[2] === 'ans' || !pair.answer) pair.answer = path;
  }
  const sorted = [...pairs.values()].sort(
    (a, b) => Number(b.kind === 'sample') - Number(a.kind === 'sample') || naturalOrder(a.stem, b.stem),
  );
  return sorted.map((pair) => {
    if (!pair.input) throw new ArchiveError('unpaired-test', `${pair.answer} has no matching ${pair.stem}.in`);
    if (!pair.answer) throw new ArchiveError('unpaired-test', `${pair.input} has no matching ${pair.stem}.ans`);
    const test = {
      kind: pair.kind,
      input: readText(entries, pair.input),
      output: readText(entries, pair.answer),
    };
    const problem = testSizeProblem(test, maxTestBytes);
    if (problem) throw new ArchiveError('test-too-large', `${pair.stem}: ${problem}`);
    return test;
  });
}

function readText(entries: ZipEntries, path: string): string {
  return textOf(entries.get(path) ?? new Uint8Array(), path);
}
