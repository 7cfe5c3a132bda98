import { findLanguageInfo, type PublicProblem } from '@codestream/shared';
import { plural } from '../lib/format.ts';
import { DifficultyBadge, DraftBadge, TagList } from './ProblemBadges.tsx';

/**
 * Difficulty, limits, tags, how many hidden tests judge it (their data is never sent
 * here) and, when the author wrote the checker, its language (its code is not sent either).
 */
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
      {problem.checker.type === 'custom' && (
        <span class="fact" data-testid="checker-fact">
          Checker: custom program ({findLanguageInfo(problem.checker.language)?.label ?? problem.checker.language})
        </span>
      )}
      {problem.checker.type === 'interactive' && (
        <span class="fact" data-testid="checker-fact">
          Interactive: your program talks with an interactor over stdin/stdout (flush after each line)
        </span>
      )}
      <TagList tags={problem.tags} />
    </div>
  );
}
