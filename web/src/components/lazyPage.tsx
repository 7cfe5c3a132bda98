import { type ComponentType, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadOnce } from '../lib/loadOnce.ts';
import { PageFrame } from './PageFrame.tsx';

/**
 * A page whose code is downloaded the first time it is shown rather than with the app,
 * so that the bundle every page loads carries only what the first page needs. Nothing is
 * drawn until the code arrives; a failed download says so.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  // After a failure, the next showing tries again.
  const loadPage = loadOnce(() =>
    load().then((page) => {
      loaded = page;
      return page;
    }),
  );
  return function LazyPage(props: P) {
    const [, setArrived] = useState(false);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (loaded) return;
      let current = true;
      loadPage().then(
        () => current && setArrived(true),
        (err: Error) => current && setError(`This page could not be loaded (${err.message}). Reload the page.`),
      );
      return () => {
        current = false;
      };
    }, []);
    if (loaded) return h(loaded, props);
    if (error === null) return null;
    return (
      <PageFrame>
        <section class="centered-card">
          <p class="form-error" role="alert">
            {error}
          </p>
        </section>
      </PageFrame>
    );
  };
}
