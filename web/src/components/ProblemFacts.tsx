import type { PublicProblem } from '@codestream/shared';
import { plural } from '../lib/format.ts';
import { DifficultyBadge, DraftBadge, TagList } from './ProblemBadges.tsx';

/** Difficulty, limits, tags and how many hidden tests judge it (their data is never sent here). */
export function ProblemFacts({ problem }: { problem: PublicProblem }) {
  return (
    <div class="problem-facts">
      <DifficultyBadge difficulty={problem.difficulty} />
      <DraftBadge visibility={problem.visibility} />
      <span class="fact" data-testid="time-limit">
        Time limit {problem.timeLimitMs >= 1000 ? `${problem.timeLimitMs / 1000} s` : `${problem.timeLimitMs} ms`}
      </span>
      <span class="fact" data-testid="memory-limit">
        Memory {problem.memoryLimitMb} MB
      </span>
      {problem.hiddenTestCount > 0 && <span class="fact">{plural(problem.hiddenTestCount, 'hidden test')}</span>}
      <TagList tags={problem.tags} />
    </div>
  );
}
