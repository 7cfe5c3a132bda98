import { useEffect, useState } from 'preact/hooks';

/**
 * What `load` (a loadOnce of a dynamic import) gives, asked for once `wanted`: null until
 * it is there; a failed download is an Error saying `what` could not be loaded.
 */
export function useLoaded<T>(load: () => Promise<T>, wanted: boolean, what: string): T | Error | null {
  const [loaded, setLoaded] = useState<T | Error | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    load().then(
      (value) => current && setLoaded(() => value),
      (err: Error) => current && setLoaded(new Error(`${what} could not be loaded (${err.message}). Reload the page.`)),
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  return wanted ? loaded : null;
}
