import { type ProblemInput, problemInputSchema, type TestCaseInput, type TestKind } from '@codestream/shared';
import { ArchiveError } from './ArchiveError.ts';
import { parseProblemArchive } from './codestreamArchive.ts';
import { parseKattisPackage } from './kattisPackage.ts';
import { MAX_TEST_DOCUMENT_BYTES, MAX_TESTS_PER_PROBLEM } from './testLimits.ts';
import { pairTestFiles } from './testPairs.ts';
import { entriesUnder, findPackageRoot, readZip, type ZipLimits } from './zipFiles.ts';

export interface ArchiveLimits {
  /** Largest input or output of one test. */
  maxTestBytes: number;
  /** Largest sum of the archive's files once inflated. */
  maxUncompressedBytes: number;
}

/** A problem archive holds a statement and up to MAX_TESTS_PER_PROBLEM pairs, plus some slack. */
const MAX_ENTRIES = 2 * MAX_TESTS_PER_PROBLEM + 200;

function zipLimits(options: ArchiveLimits): ZipLimits {
  return {
    // Nothing an import keeps can come from a larger file: a test's input and output share one document.
    maxEntryBytes: MAX_TEST_DOCUMENT_BYTES,
    maxTotalBytes: options.maxUncompressedBytes,
    maxEntries: MAX_ENTRIES,
  };
}

export interface ParsedImport {
  format: 'codestream' | 'kattis';
  problem: ProblemInput;
  tests: TestCaseInput[];
}

/**
 * POST /problems/import: a CodeStream export (problem.json) or an ICPC/Kattis package
 * (problem.yaml), found at the archive's root or in one folder of it.
 */
export function parseImportArchive(zip: Uint8Array, options: ArchiveLimits & { slug?: string }): ParsedImport {
  const entries = readZip(zip, zipLimits(options));
  const found = findPackageRoot(entries, ['problem.json', 'problem.yaml']);
  if (!found) {
    throw new ArchiveError(
      'no-problem-file',
      'The archive has neither problem.json (a CodeStream export) nor problem.yaml (an ICPC/Kattis package)',
    );
  }
  const files = entriesUnder(entries, found.root);
  const format = found.marker === 'problem.json' ? 'codestream' : 'kattis';
  const imported =
    format === 'codestream'
      ? parseProblemArchive(files, options)
      : parseKattisPackage(files, {
          folderName: found.root.split('/').at(-1) ?? '',
          maxTestBytes: options.maxTestBytes,
          ...(options.slug ? { slug: options.slug } : {}),
        });
  const parsed = problemInputSchema.safeParse({
    ...imported.problem,
    ...(options.slug ? { slug: options.slug } : {}),
  });
  if (!parsed.success) {
    throw new ArchiveError(
      'invalid-problem',
      format === 'codestream' ? 'problem.json is not a valid problem' : 'The package does not make a valid problem',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  checkTestCount(imported.tests);
  return { format, problem: parsed.data, tests: imported.tests };
}

/**
 * POST /problems/:slug/tests/bulk with a zip: NAME.in + NAME.ans pairs anywhere; those
 * under a folder named sample/ (or samples/) are samples, all others hidden
 * (secret/ in ICPC packages).
 */
export function parseTestArchive(zip: Uint8Array, options: ArchiveLimits): TestCaseInput[] {
  const entries = readZip(zip, zipLimits(options));
  const kindOf = (path: string): TestKind => {
    const folders = path.split('/').slice(0, -1);
    return folders.some((f) => f === 'sample' || f === 'samples') ? 'sample' : 'hidden';
  };
  const tests = pairTestFiles(entries, kindOf, options.maxTestBytes);
  if (tests.length === 0) throw new ArchiveError('unpaired-test', 'The archive holds no NAME.in + NAME.ans pairs');
  checkTestCount(tests);
  return tests;
}

function checkTestCount(tests: readonly TestCaseInput[]): void {
  if (tests.length > MAX_TESTS_PER_PROBLEM) {
    throw new ArchiveError('too-many-files', `At most ${MAX_TESTS_PER_PROBLEM} tests per problem`);
  }
}
