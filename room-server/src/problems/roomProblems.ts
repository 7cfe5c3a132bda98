import { PROBLEM_SLUG_PATTERN } from '@codestream/shared';
import type { RoomProblems } from '../http/roomRoutes.ts';
import type { ProblemRepository } from './ProblemRepository.ts';
import { mayView, toPublicProblem } from './problemViews.ts';

/** What rooms need of the problem bank: starter code when opening, the statement inside. */
export function roomProblems({ problems }: { problems: ProblemRepository }): RoomProblems {
  return {
    async forUser(slug, user) {
      const record = PROBLEM_SLUG_PATTERN.test(slug) ? await problems.findBySlug(slug) : null;
      if (!record || !mayView(record, user)) return null;
      return { slug: record.slug, starterCode: record.starterCode };
    },
    async forRoom(slug) {
      // The room's owner chose the problem: everyone let into the room may read it, as a
      // solver (a room is where it is solved, so never with a custom checker's code).
      const record = await problems.findBySlug(slug);
      return record ? toPublicProblem(record, 'solver') : null;
    },
  };
}
