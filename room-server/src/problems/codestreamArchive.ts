import type { ProblemInput, TestCaseInput, TestKind } from '@codestream/shared';
import { ArchiveError } from './ArchiveError.ts';
import type { ImportedProblem } from './ImportedProblem.ts';
import { pairTestFiles } from './testPairs.ts';
import { encodeText, textOf, writeZip, type ZipEntries } from './zipFiles.ts';

/**
 * CodeStream's own problem archive, what GET /problems/:slug/export writes:
 *   problem.json          the ProblemInput
 *   tests/sample/NN.in    and NN.ans, in order
 *   tests/hidden/NN.in    and NN.ans, in order
 */
export function buildProblemArchive(problem: ProblemInput, tests: readonly TestCaseInput[]): Uint8Array {
  const files: Record<string, Uint8Array> = { 'problem.json': encodeText(`${JSON.stringify(problem, null, 2)}\n`) };
  for (const kind of ['sample', 'hidden'] as const) {
    const ofKind = tests.filter((t) => t.kind === kind);
    // Zero-padded so that the files also sort right in a file manager.
    const width = Math.max(2, String(ofKind.length).length);
    ofKind.forEach((test, i) => {
      const name = `tests/${kind}/${String(i + 1).padStart(width, '0')}`;
      files[`${name}.in`] = encodeText(test.input);
      files[`${name}.ans`] = encodeText(test.output);
    });
  }
  return writeZip(files);
}

/** Reads an archive written by buildProblemArchive (files relative to problem.json's folder). */
export function parseProblemArchive(entries: ZipEntries, options: { maxTestBytes: number }): ImportedProblem {
  const bytes = entries.get('problem.json');
  if (!bytes) throw new ArchiveError('no-problem-file', 'The archive has no problem.json');
  let problem: unknown;
  try {
    problem = JSON.parse(textOf(bytes, 'problem.json'));
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    throw new ArchiveError('invalid-problem', `problem.json is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof problem !== 'object' || problem === null || Array.isArray(problem)) {
    throw new ArchiveError('invalid-problem', 'problem.json must hold an object');
  }
  const tests = pairTestFiles(entries, kindOfTestFile, options.maxTestBytes);
  return { problem: problem as Record<string, unknown>, tests };
}

function kindOfTestFile(path: string): TestKind | undefined {
  if (path.startsWith('tests/sample/')) return 'sample';
  if (path.startsWith('tests/hidden/')) return 'hidden';
  return undefined;
}
