import { type Inputs, useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, errorMessage, isAbortError } from '../lib/http.ts';

export type Resource<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  /** `errorStatus`: the HTTP status of a failed request (404…), 0 for network and other errors. */
  | { status: 'error'; data: T | null; error: string; errorStatus: number };

/**
 * Data loaded for a page, reloaded when `inputs` change or `reload()` is called. A load
 * that is overtaken is aborted, so a slow old answer never replaces a newer one. While
 * reloading, the previous data stays visible.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  inputs: Inputs,
): Resource<T> & { reload(): void; set(data: T): void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: null, error: null });
  const [generation, setGeneration] = useState(0);

  // `inputs` are the caller's dependencies of `load` (like useMemo's), plus reloads.
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, error: null });
      },
      (err: unknown) => {
        if (controller.signal.aborted || isAbortError(err)) return;
        const errorStatus = err instanceof ApiError ? err.status : 0;
        setState((previous) => ({ status: 'error', data: previous.data, error: errorMessage(err), errorStatus }));
      },
    );
    return () => controller.abort();
  }, [...inputs, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ready', data, error: null }), []);
  return { ...state, reload, set };
}
