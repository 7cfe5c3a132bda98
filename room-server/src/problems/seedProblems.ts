import { problemInputSchema } from '@codestream/shared';
import { CLASSIC_PROBLEMS } from './classicProblems.ts';
import { DuplicateSlugError, type ProblemRepository } from './ProblemRepository.ts';
import type { TestCaseRepository } from './TestCaseRepository.ts';
import { refreshTestSummary } from './testSummary.ts';

/**
 * Fills an empty problem bank with a few classic published problems, so a new install
 * has something to solve. Does nothing once any problem exists, so authors' deletions
 * stick. Returns how many problems it added.
 */
export async function seedProblems(problems: ProblemRepository, tests: TestCaseRepository): Promise<number> {
  if (!(await problems.isEmpty())) return 0;
  let added = 0;
  for (const seed of CLASSIC_PROBLEMS) {
    try {
      const record = await problems.create(problemInputSchema.parse(seed.problem), null);
      await tests.append(record._id, seed.tests);
      await refreshTestSummary(problems, tests, record._id);
      added += 1;
    } catch (err) {
      // Another instance seeding the same database at the same moment got there first.
      if (err instanceof DuplicateSlugError) continue;
      throw err;
    }
  }
  return added;
}
