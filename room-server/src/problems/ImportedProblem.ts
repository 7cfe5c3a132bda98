import type { TestCaseInput } from '@codestream/shared';

/** A problem read from an archive, before validation against problemInputSchema. */
export interface ImportedProblem {
  /** Checked by parseImportArchive: an archive's problem.json is untrusted input. */
  problem: Record<string, unknown>;
  /** Samples first, then hidden tests, each in the archive's order. */
  tests: TestCaseInput[];
}
