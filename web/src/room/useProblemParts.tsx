import { loadOnce } from '../lib/loadOnce.ts';
import { useLoaded } from '../lib/useLoaded.ts';

export type ProblemParts = typeof import('./problemParts.ts');
export type ResultTabs = typeof import('./resultTabs.ts');

/**
 * Loads the problem's statement: a room without a problem (pairs, interviews on a
 * question of the host's) never downloads it. The room page asks for it as soon as it
 * knows the room is on a problem.
 */
export const loadProblemParts = loadOnce(() => import('./problemParts.ts'));

/**
 * Loads the Verdicts and Submissions tabs: once one of them is shown, or a person's
 * pointer or focus comes to the tabs (most visits never open them before a submission).
 */
export const loadResultTabs = loadOnce(() => import('./resultTabs.ts'));

/** The problem's statement once `wanted`: null while it loads, an Error if it could not be. */
export function useProblemParts(wanted: boolean): ProblemParts | Error | null {
  return useLoaded(loadProblemParts, wanted, 'This part of the room');
}

/** The Verdicts and Submissions tabs once `wanted`, as useProblemParts. */
export function useResultTabs(wanted: boolean): ResultTabs | Error | null {
  return useLoaded(loadResultTabs, wanted, 'This part of the room');
}
