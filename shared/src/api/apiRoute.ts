import type { $ZodObject, $ZodType } from 'zod/v4/core';
import { z } from '../zodMini.ts';

/**
 * How an HTTP route of room-server is described: one `ApiRoute` per method and path, in
 * the feature's `…Api.ts` file beside its request and response schemas. room-server builds
 * /api/openapi.json and /api/docs from these (room-server/src/http/openapi/), and its
 * tests check that every route it serves is described and answers as described.
 */

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Who may call a route. The server decides (guards.ts, roomRouteAccess.ts); this says it
 * in the document, and picks the errors every route of that kind may answer.
 */
export const API_ACCESS = {
  public: 'Anyone, signed in or not.',
  'signed-in': 'Any signed-in account (401 otherwise).',
  host: 'Signed in as a host or an admin (401 signed out, 403 for other roles).',
  author: 'Signed in as an author or an admin (401 signed out, 403 for other roles).',
  admin: 'Signed in as an admin (401 signed out, 403 for other roles).',
  room: 'Anyone let into the room, account or guest; 404 to everyone else, so room ids cannot be probed.',
  'room-host':
    'The room’s hosts (its owner, co-hosts, the instructors of its class, admins); 404 to people not in the room, 403 to its other participants.',
  integrator:
    'An API token (`Authorization: Bearer cs_…`, made by an admin) whose account is a host, author or admin, or the signed-in session of a host, author or admin (401 with neither, 403 for other roles). Each caller (a token, or a person signed in) sees only its own jobs.',
} as const;
export type ApiAccess = keyof typeof API_ACCESS;

/** Groups of routes in the document, in the order the docs page shows them. */
export const API_TAGS = {
  Accounts: 'Sign-up, sign-in and the session (a cookie).',
  Users: 'Administration of accounts and invitations to register.',
  Rooms: 'Rooms, their invitations, participants and runs.',
  'Room sessions': 'What hosts decide for a room, its scorecard, downloads and playback.',
  Classes: 'Classes: problems, students’ rooms, the instructors’ message and timer.',
  Problems: 'The problem bank, its test cases and archives.',
  Submissions: 'Judged submissions and their verdicts.',
  Integrations:
    'The HTTP API for integrators (`/api/v1`): run a program, or judge it against a published problem, without a room; and the admins’ API tokens.',
  Service: 'Health and this document.',
} as const;
export type ApiTag = keyof typeof API_TAGS;

/** The body of every error: `message` for people (4xx only), `details` naming bad fields. */
export const errorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Headers an answer always carries, by name: what each says. */
export type ApiHeaders = Readonly<Record<string, string>>;

/** A body of `contentType` other than JSON; `items`: each line's schema, for a stream of JSON lines. */
export interface ApiMedia {
  contentType: string;
  items?: $ZodType;
}
/** A JSON answer; `alternative`: the same answer in another type, which the request chooses. */
export interface JsonResponse {
  description: string;
  json: $ZodType;
  alternative?: ApiMedia;
  headers?: ApiHeaders;
}
/** An answer that is a file, text or stream of `contentType` (a download, a page, NDJSON). */
export interface FileResponse extends ApiMedia {
  description: string;
  headers?: ApiHeaders;
}
/** An answer without a body (204). */
export interface EmptyResponse {
  description: string;
  headers?: ApiHeaders;
}
/** An error (`ErrorBody`) that carries headers (Retry-After, say). */
export interface ErrorResponse {
  error: string;
  headers: ApiHeaders;
}
/**
 * What a route answers with one status. A string is an error: the body is `ErrorBody`
 * and the string says when it happens.
 */
export type ApiResponse = string | ErrorResponse | JsonResponse | FileResponse | EmptyResponse;

export interface ApiBody {
  /** A JSON body (`application/json`), validated with this schema. */
  json?: $ZodType;
  /** Content types of a file body (e.g. a zip), in the order the server prefers. */
  fileTypes?: readonly string[];
  description?: string;
}

export interface ApiRoute {
  method: HttpMethod;
  /** As the router writes it: `/api/rooms/:id`. */
  path: string;
  /** One line: what it does. */
  summary: string;
  /** Anything a caller must know beyond the summary and the schemas. */
  description?: string;
  tag: ApiTag;
  access: ApiAccess;
  /** Each `:name` of the path, with what it is. */
  params?: Readonly<Record<string, string>>;
  /** The query string: an object schema of its parameters. */
  query?: $ZodObject;
  /** What a query parameter means, where its schema does not say enough. */
  queryHelp?: Readonly<Record<string, string>>;
  body?: ApiBody;
  /** By status. Errors every route of its kind may answer (401, 403, 500) are added. */
  responses: Readonly<Record<number, ApiResponse>>;
}

export const json = (schema: $ZodType, description: string, headers?: ApiHeaders): JsonResponse => ({
  json: schema,
  description,
  ...(headers ? { headers } : {}),
});
export const file = (contentType: string, description: string): FileResponse => ({ contentType, description });
export const noContent = (description: string): EmptyResponse => ({ description });
/** A stream of JSON values, one a line, each valid under `items`; written as they happen. */
export const NDJSON = 'application/x-ndjson';
export const ndjson = (items: $ZodType): ApiMedia => ({ contentType: NDJSON, items });

/** An ISO 8601 time in UTC, as `Date.toISOString()` writes it. */
export const isoTimeSchema = z.iso.datetime();
/** `{ items: [...] }`, the shape of the server's lists. */
export const itemsOf = (item: $ZodType) => z.object({ items: z.array(item) });
