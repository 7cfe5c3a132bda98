import { useEffect, useState } from 'preact/hooks';

export type HostControls = typeof import('./hostControls.ts');

let module: Promise<HostControls> | undefined;
/** The hosts' controls' chunk, downloaded once (again after a failure). */
function loadHostControls(): Promise<HostControls> {
  module ??= import('./hostControls.ts').catch((err: unknown) => {
    module = undefined;
    throw err;
  });
  return module;
}

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
