import { PROBLEM_SLUG_PATTERN } from '@codestream/shared';
import type { RoomProblems } from '../http/roomRoutes.ts';
import { mayView } from './problemViews.ts';
import type { ProblemRepository } from './ProblemRepository.ts';

/** What rooms need of the problem bank: a problem's starter code, if the user may see it. */
export function roomProblems({ problems }: { problems: ProblemRepository }): RoomProblems {
  return {
    async forUser(slug, user) {
      const record = PROBLEM_SLUG_PATTERN.test(slug) ? await problems.findBySlug(slug) : null;
      if (!record || !mayView(record, user)) return null;
      return { slug: record.slug, starterCode: record.starterCode };
    },
  };
}
