import { checkerFor, hasRole, type ProblemInput, type PublicProblem, type PublicUser } from '@codestream/shared';
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
 * Who a problem is shown to: authors (and admins) edit it and see everything of it but
 * hidden test data; solvers (members, hosts, and everyone in a room on it) also do not
 * see a custom checker's code, which may embed answers.
 */
export type ProblemViewer = 'author' | 'solver';

export function viewerOf(user: PublicUser | undefined): ProblemViewer {
  return canEditProblems(user) ? 'author' : 'solver';
}

/**
 * What `viewer` sees of a problem. Test data comes only from the problem's copy of its
 * samples (refreshTestSummary): hidden tests contribute their count and nothing else.
 */
export function toPublicProblem(record: ProblemRecord, viewer: ProblemViewer): PublicProblem {
  return {
    ...problemInputOf(record),
    checker: checkerFor(record.checker, viewer),
    statementHtml: renderStatement(record.statement),
    samples: record.samples.map(({ input, output }) => ({ input, output })),
    hiddenTestCount: record.hiddenTestCount,
  };
}
