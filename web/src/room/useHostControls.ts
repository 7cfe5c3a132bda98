import { useEffect, useState } from 'preact/hooks';
import { loadOnce } from '../lib/loadOnce.ts';

export type HostControls = typeof import('./hostControls.ts');

const loadHostControls = loadOnce(() => import('./hostControls.ts'));

/**
 * The hosts' controls (invitations, participants, the interview's settings, End), loaded
 * only for the people who get them: a candidate's or a pair's page never downloads them.
 * `null` until they are there; a failed download is an error to show.
 */
export function useHostControls(wanted: boolean): HostControls | Error | null {
  const [controls, setControls] = useState<HostControls | Error | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    loadHostControls().then(
      (loaded) => current && setControls(loaded),
      (err: Error) =>
        current && setControls(new Error(`The host controls could not be loaded (${err.message}). Reload the page.`)),
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  return wanted ? controls : null;
}
