/**
 * `load` (a dynamic import) run once: later calls share its promise, and a failure is
 * forgotten, so the next call tries again (the network may be back).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
}
