import * as z from 'zod/mini';

/** One bad field of a request, as the server names it (`path` is dot-joined, e.g. `starterCode.python`). */
export interface FieldIssue {
  path: string;
  message: string;
}

const errorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});

/** A request that failed: the server's message and per-field details, or a readable network error. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached or answered nonsense. */
    readonly status: number,
    readonly details: readonly FieldIssue[] = [],
    /** Seconds from Retry-After (429), when the server sent it. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export const UNREACHABLE_MESSAGE = 'The server cannot be reached. Check your connection and try again.';
export const UNEXPECTED_MESSAGE = 'The server sent an unexpected answer. Reload the page and try again.';

export type Fetch = typeof fetch;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (a file), with `contentType`. */
  body?: Blob | ArrayBuffer;
  contentType?: string;
  signal?: AbortSignal;
  fetchImpl?: Fetch;
}

/** The ApiError a failed response stands for. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const retryAfter = Number(res.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  try {
    const parsed = errorBodySchema.safeParse(await res.json());
    if (parsed.success) {
      const { message, details } = parsed.data.error;
      return new ApiError(message, res.status, details ?? [], retryAfterSeconds);
    }
  } catch {
    // Not JSON (a proxy's error page, for instance): fall back to the status line.
  }
  return new ApiError(`The server answered ${res.status} ${res.statusText}`.trim(), res.status, [], retryAfterSeconds);
}

/**
 * One same-origin API call. Resolves with the response of a 2xx answer; throws ApiError
 * otherwise. Aborts propagate as the fetch's AbortError so callers can ignore them.
 */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const { method = 'GET', json, body, contentType, signal, fetchImpl = fetch } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (body !== undefined) {
    headers['content-type'] = contentType ?? 'application/octet-stream';
    payload = body;
  }
  let res: Response;
  try {
    res = await fetchImpl(path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new ApiError(UNREACHABLE_MESSAGE, 0);
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

/** A JSON call whose answer is checked against `schema`. */
export async function requestJson<T extends z.ZodMiniType>(
  schema: T,
  path: string,
  options: RequestOptions = {},
): Promise<z.output<T>> {
  const res = await request(path, options);
  let value: unknown;
  try {
    value = await res.json();
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new ApiError(UNEXPECTED_MESSAGE, 0);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    console.warn(`Unexpected answer from ${path}`, parsed.error.issues);
    throw new ApiError(UNEXPECTED_MESSAGE, 0);
  }
  return parsed.data;
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** A message for anything caught from an API call. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** `?a=1&b=x` from the defined, non-empty values of `params` (empty string when none). */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
