import { hasRole, type ProblemInput, type PublicProblem, type PublicUser } from '@codestream/shared';
import { renderStatement } from './markdown.ts';
import type { ProblemRecord } from './ProblemRepository.ts';

/** Authors and admins see and edit drafts; everyone else sees published problems only. */
export function canEditProblems(user: PublicUser | undefined): boolean {
  return user !== undefined && hasRole(user.role, ['author']);
}

export function mayView(record: ProblemRecord, user: PublicUser | undefined): boolean {
  return record.visibility === 'published' ? user !== undefined : canEditProblems(user);
}

/** The author-editable fields, picked one by one so no stored field (ids, authorship) leaks. */
export function problemInputOf(record: ProblemRecord): ProblemInput {
  return {
    slug: record.slug,
    title: record.title,
    statement: record.statement,
    difficulty: record.difficulty,
    tags: record.tags,
    timeLimitMs: record.timeLimitMs,
    memoryLimitMb: record.memoryLimitMb,
    starterCode: record.starterCode,
    checker: record.checker,
    visibility: record.visibility,
    stopAtFirstFailure: record.stopAtFirstFailure,
  };
}

/**
 * What a solver sees. Test data comes only from the problem's copy of its samples
 * (refreshTestSummary): hidden tests contribute their count and nothing else.
 */
export function toPublicProblem(record: ProblemRecord): PublicProblem {
  return {
    ...problemInputOf(record),
    statementHtml: renderStatement(record.statement),
    samples: record.samples.map(({ input, output }) => ({ input, output })),
    hiddenTestCount: record.hiddenTestCount,
  };
}
