import { type ComponentType, h } from 'preact';
import { loadOnce } from '../lib/loadOnce.ts';
import { useLoaded } from '../lib/useLoaded.ts';
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
    const page = useLoaded(loadPage, loaded === undefined, 'This page');
    if (loaded) return h(loaded, props);
    if (!(page instanceof Error)) return null;
    return (
      <PageFrame>
        <section class="centered-card">
          <p class="form-error" role="alert">
            {page.message}
          </p>
        </section>
      </PageFrame>
    );
  };
}
