import { loadOnce } from '../lib/loadOnce.ts';
import { useLoaded } from '../lib/useLoaded.ts';

export type ProblemParts = typeof import('./problemParts.ts');

/**
 * Loads the problem's statement, verdicts and submission history: a room without a
 * problem (pairs, interviews on a question of the host's) never downloads them. The room
 * page asks for them as soon as it knows the room is on a problem.
 */
export const loadProblemParts = loadOnce(() => import('./problemParts.ts'));

/** The problem's parts once `wanted`: null while they load, an Error if they could not be. */
export function useProblemParts(wanted: boolean): ProblemParts | Error | null {
  return useLoaded(loadProblemParts, wanted, 'This part of the room');
}

/** In place of a problem's part still loading, or that could not be loaded. */
export function PartPending({ parts }: { parts: Error | null }) {
  return parts ? (
    <p class="form-error" role="alert">
      {parts.message}
    </p>
  ) : (
    <p class="console-empty" aria-busy="true">
      Loading…
    </p>
  );
}
