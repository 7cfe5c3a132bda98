import { z } from './zodMini.ts';

/**
 * Request ids tie together the log lines of one HTTP request, socket or judge job, across
 * room-server and the judge service. One from outside (an `X-Request-Id` header set by a
 * proxy) is kept only when it matches this: short and made of characters that cannot
 * break a log line or a header.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

export const requestIdSchema = z.string().check(z.regex(REQUEST_ID_PATTERN));

/** The id to use for a request: the caller's own when well formed, else a fresh one. */
export function acceptRequestId(offered: string | undefined, fresh: () => string): string {
  return offered !== undefined && REQUEST_ID_PATTERN.test(offered) ? offered : fresh();
}
