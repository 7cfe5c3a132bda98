import type { JsonSchema, OpenApiDocument } from '../src/http/openapi/openApiDocument.ts';
import { openApiPath } from '../src/http/openapi/openApiDocument.ts';
import { documentSchemas } from '../src/http/openapi/testing/documentSchemas.ts';
import type { Session } from './clients.ts';

export interface DocumentedRequest {
  /** Values of the route's `:params`. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  /** A raw body (an upload), sent with `contentType`. */
  body?: Uint8Array;
  contentType?: string;
  /** More headers (a bearer token, say). */
  headers?: Record<string, string>;
}

export interface DocumentedAnswer<T> {
  status: number;
  /** Parsed JSON, the values of a stream of JSON lines, the text of a `text/…` answer, or the bytes of any other. */
  body: T;
  headers: Headers;
}

/**
 * Calls room-server routes by their documented name ('GET /api/rooms/:id') and checks
 * every answer against the server's own /api/openapi.json: its status must be listed for
 * that operation, its content type one listed, a JSON body (or each line of a stream of
 * JSON lines) valid under the listed schema, and the headers it lists present. Remembers
 * which operations answered with a success, so a test can tell which routes of the
 * document it never saw working.
 */
export class DocumentedApi {
  private readonly schemas;
  private readonly succeeded = new Set<string>();

  private constructor(readonly document: OpenApiDocument) {
    this.schemas = documentSchemas(document);
  }

  static async load(url: string): Promise<DocumentedApi> {
    const res = await fetch(`${url}/api/openapi.json`);
    if (res.status !== 200) throw new Error(`GET /api/openapi.json: ${res.status}`);
    return new DocumentedApi((await res.json()) as OpenApiDocument);
  }

  /** `route` as `session`; throws when the answer is not `expected` or not as documented. */
  async call<T = unknown>(
    session: Session,
    route: string,
    request: DocumentedRequest = {},
    expected = 200,
  ): Promise<DocumentedAnswer<T>> {
    const [method = '', routerPath = ''] = route.split(' ');
    const path = openApiPath(routerPath);
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${route} is not in /api/openapi.json`);
    const url = routerPath.replace(/:(\w+)/g, (_, name: string) => {
      const value = request.params?.[name];
      if (value === undefined) throw new Error(`${route}: no value for :${name}`);
      return encodeURIComponent(value);
    });
    const query = request.query ? `?${new URLSearchParams(request.query)}` : '';
    const headers = { ...request.headers, ...(request.body ? { 'content-type': request.contentType ?? '' } : {}) };
    const res = await session.fetch(`${url}${query}`, {
      method,
      headers,
      ...(request.json !== undefined ? { json: request.json } : {}),
      ...(request.body ? { body: new Uint8Array(request.body) } : {}),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    const where = `${route} answered ${res.status}`;
    const documented = operation.responses[String(res.status)];
    if (!documented) throw new Error(`${where}, a status the document does not list for it: ${text.slice(0, 300)}`);
    const types = Object.keys(documented.content ?? {});
    const sentType = res.headers.get('content-type')?.split(';')[0] ?? '';
    const media = documented.content?.[sentType];
    let body: unknown = sentType.startsWith('text/') ? text : bytes;
    if (types.length === 0) {
      if (text !== '') throw new Error(`${where} with a body, where the document lists none: ${text.slice(0, 300)}`);
    } else if (!media) {
      throw new Error(`${where} with ${sentType}, where the document lists ${types.join(', ')}`);
    } else if (sentType === 'application/json') {
      body = JSON.parse(text);
      this.check(where, media.schema, body, text);
    } else if (media['x-itemSchema']) {
      // A stream of JSON lines: every line valid under the item schema.
      body = text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as unknown);
      for (const item of body as unknown[]) this.check(where, media['x-itemSchema'], item, JSON.stringify(item));
    }
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && !res.headers.has(name)) throw new Error(`${where} without its documented ${name} header`);
    }
    if (res.status !== expected) throw new Error(`${where}, expected ${expected}: ${text.slice(0, 300)}`);
    // A redirect is the success of a route that sends the browser on (single sign-on).
    if (res.status < 400) this.succeeded.add(`${method.toUpperCase()} ${path}`);
    return { status: res.status, body: body as T, headers: res.headers };
  }

  private check(where: string, schema: JsonSchema, value: unknown, text: string): void {
    const validate = this.schemas.validator(schema);
    if (!validate(value)) {
      throw new Error(
        `${where} with a body the document does not describe:\n${this.schemas.errorsText(validate)}\n${text.slice(0, 500)}`,
      );
    }
  }

  /** Operations of the document that no call saw succeed, as `GET /api/rooms/{id}`. */
  unanswered(): string[] {
    return Object.entries(this.document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((operation) => !this.succeeded.has(operation));
  }
}
