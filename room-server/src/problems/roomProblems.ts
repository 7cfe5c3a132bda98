import { type LanguageId, PROBLEM_SLUG_PATTERN, type PublicProblem, type PublicUser } from '@codestream/shared';
import type { ProblemRepository } from './ProblemRepository.ts';
import { mayView, toPublicProblem } from './problemViews.ts';

/** What rooms need to know of a problem: whether this person may open it, and its starter code. */
export interface RoomProblems {
  /** The problem as `user` may see it, or null (unknown, or a draft they may not see). */
  forUser(
    slug: string,
    user: PublicUser,
  ): Promise<{ slug: string; title: string; starterCode: Partial<Record<LanguageId, string>> } | null>;
  /** The titles of the problems named `slugs` (for room lists; a problem deleted since is missing). */
  titlesOf(slugs: readonly string[]): Promise<Map<string, string>>;
  /** What participants of a room on this problem see (statement, samples; never hidden tests nor checker code). */
  forRoom(slug: string): Promise<PublicProblem | null>;
}

/** What rooms need of the problem bank: starter code when opening, the statement inside. */
export function roomProblems({ problems }: { problems: ProblemRepository }): RoomProblems {
  return {
    async forUser(slug, user) {
      const record = PROBLEM_SLUG_PATTERN.test(slug) ? await problems.findBySlug(slug) : null;
      if (!record || !mayView(record, user)) return null;
      return { slug: record.slug, title: record.title, starterCode: record.starterCode };
    },
    titlesOf: (slugs) => problems.titlesOf(slugs),
    async forRoom(slug) {
      // The room's owner chose the problem: everyone let into the room may read it, as a
      // solver (a room is where it is solved, so never with a custom checker's code).
      const record = await problems.findBySlug(slug);
      return record ? toPublicProblem(record, 'solver') : null;
    },
  };
}
