import { loadOnce } from '../lib/loadOnce.ts';
import { useLoaded } from '../lib/useLoaded.ts';

export type HostControls = typeof import('./hostControls.tsx');

const loadHostControls = loadOnce(() => import('./hostControls.tsx'));

/**
 * The hosts' controls (invitations, participants, the interview's settings, End), loaded
 * only for the people who get them: a candidate's or a pair's page never downloads them.
 * `null` until they are there; a failed download is an error to show.
 */
export function useHostControls(wanted: boolean): HostControls | Error | null {
  return useLoaded(loadHostControls, wanted, 'The host controls');
}
