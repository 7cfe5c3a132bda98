import type { ProblemRepository } from './ProblemRepository.ts';
import type { TestCaseRepository } from './TestCaseRepository.ts';

/**
 * Recomputes the copy of samples and hidden count kept on a problem; call it after any
 * change to the problem's tests. Without transactions two concurrent changes could
 * store a stale copy; the next change of that problem's tests corrects it.
 */
export async function refreshTestSummary(
  problems: ProblemRepository,
  tests: TestCaseRepository,
  problemId: string,
): Promise<void> {
  const [samples, hiddenTestCount] = await Promise.all([tests.samples(problemId), tests.count(problemId, 'hidden')]);
  await problems.setTestSummary(problemId, { samples, hiddenTestCount });
}
