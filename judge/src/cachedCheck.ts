export interface CachedCheckOptions {
  /** A check not answered within this counts as a failure (a stalled part never answers). */
  timeoutMs: number;
  /** How long one answer is reused, so probes polling health stay cheap. */
  cacheMs: number;
}

/**
 * Wraps a health check of one part (database, Docker, judge service, Redis): at most one
 * call in flight, its answer reused for `cacheMs`. The check resolves with the problems it
 * found (an array of sentences; anything else, such as a ping's answer, means up) or
 * rejects; either way the wrapper resolves with the problems, one sentence each.
 */
export function cachedCheck(check: () => Promise<unknown>, options: CachedCheckOptions): () => Promise<string[]> {
  let last: { at: number; problems: string[] } | null = null;
  let inFlight: Promise<string[]> | null = null;
  const run = async (): Promise<string[]> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([`no answer within ${options.timeoutMs} ms`]), options.timeoutMs);
    });
    try {
      // A late answer after the timeout is dropped.
      return await Promise.race([
        check().then(
          (answer) => (Array.isArray(answer) ? answer.map(String) : []),
          (err: unknown) => [err instanceof Error ? err.message : String(err)],
        ),
        timedOut,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    if (last && Date.now() - last.at < options.cacheMs) return Promise.resolve(last.problems);
    inFlight ??= run().then((problems) => {
      last = { at: Date.now(), problems };
      inFlight = null;
      return problems;
    });
    return inFlight;
  };
}
