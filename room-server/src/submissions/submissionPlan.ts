import type { SubmitRequest } from '@codestream/shared';
import type { ProblemRepositories } from '../problems/problemRepositories.ts';

/** What the judge needs of a room's problem; loaded when someone submits. */
export type SubmissionPlan = Omit<SubmitRequest, 'language' | 'code' | 'queueKey'>;

/**
 * Turns a problem into what the judge needs to judge a submission: every test (samples
 * first) with its expected output, the checker and the limits. Expected outputs go to the
 * judge only, which compares outside the sandbox; they never reach a browser.
 * Returns a reason for people when the problem cannot be judged.
 */
export function submissionPlanner(database: ProblemRepositories) {
  return async (slug: string): Promise<SubmissionPlan | string> => {
    const problem = await database.problems.findBySlug(slug);
    if (!problem) return 'This room\u2019s problem no longer exists.';
    const tests = await database.tests.list(problem._id);
    if (tests.length === 0) return 'This problem has no tests yet: ask its author to add some.';
    return {
      tests: tests.map((t) => ({ id: t._id, kind: t.kind, input: t.input, expectedOutput: t.output })),
      checker: problem.checker,
      limits: { timeMs: problem.timeLimitMs, memoryMb: problem.memoryLimitMb },
      stopAtFirstFailure: problem.stopAtFirstFailure,
    };
  };
}
