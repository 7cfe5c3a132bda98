import { createHash } from 'node:crypto';
import {
  API_ACCESS,
  API_TAGS,
  type ApiAccess,
  type ApiHeaders,
  type ApiMedia,
  type ApiResponse,
  type ApiRoute,
} from '@codestream/shared/api';
import { z } from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { mergedError, standardErrors } from './standardErrors.ts';

/**
 * The OpenAPI 3.1 document of room-server, assembled from the route descriptors in
 * shared/src/api with zod's own JSON Schema output (OpenAPI 3.1 schemas are JSON Schema
 * 2020-12). Responses are described as the server sends them (zod's `output` side),
 * request bodies and queries as a client may send them (`input`: defaults optional).
 */

export type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};
export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  'x-access': ApiAccess;
  security: Record<string, string[]>[];
  parameters: JsonSchema[];
  requestBody?: { required: boolean; description?: string; content: Record<string, OpenApiMedia> };
  responses: Record<string, OpenApiAnswer>;
};
export type OpenApiAnswer = {
  description: string;
  headers?: Record<string, { description: string; required: boolean; schema: JsonSchema }>;
  content?: Record<string, OpenApiMedia>;
};
/**
 * `x-itemSchema`: the schema of each line of a stream of JSON values (NDJSON), which
 * OpenAPI 3.1 cannot say; OpenAPI 3.2 names it `itemSchema`.
 */
export type OpenApiMedia = { schema: JsonSchema; 'x-itemSchema'?: JsonSchema };

export interface OpenApiOptions {
  routes: readonly ApiRoute[];
  /** Schemas the document names in components (see API_SCHEMAS). */
  schemas: Readonly<Record<string, $ZodType>>;
  /** The session cookie's name. */
  sessionCookie: string;
}

const OPENAPI_VERSION = '3.1.1';
const refTo = (name: string) => `#/components/schemas/${name}`;
/** Ids given to unnamed response schemas while zod writes them; they end up inline. */
const INLINE_PREFIX = 'inline-';

/** `/api/rooms/:id` as OpenAPI writes it: `/api/rooms/{id}`. */
export function openApiPath(routerPath: string): string {
  return routerPath.replace(/:(\w+)/g, '{$1}');
}

const DESCRIPTION = [
  'Every HTTP route of a CodeStream room-server. Signing in (`POST /api/auth/login`) sets a session cookie',
  'that every later request sends; guests get one by joining a room through an invite that admits guests.',
  'State-changing requests (POST, PUT, PATCH, DELETE) must come from the site itself: the `Origin` header',
  '(or `Referer`) must name the server or `PUBLIC_URL`. Errors are `{ "error": { "message", "details"? } }`;',
  'the message is meant for people and is given for 4xx answers only. The room and dashboard WebSockets',
  '(`/ws/rooms/:id`, `/ws/dashboard`) carry the protocol of `shared/src/protocol.ts` and are not described here.',
  'The integrator API (`/api/v1`) also takes an API token, `Authorization: Bearer cs_…`, instead of the cookie;',
  'requests with a token need no Origin. An `application/x-ndjson` answer is a stream of JSON values, one a line,',
  'each valid under its `x-itemSchema`.',
].join(' ');

export function buildOpenApiDocument(options: OpenApiOptions): OpenApiDocument {
  const responseSchemas = responseSchemaWriter(options);
  const paths: OpenApiDocument['paths'] = {};
  for (const route of options.routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    (paths[path] as Record<string, OpenApiOperation>)[route.method] = operation(route, responseSchemas.of);
  }
  const components = {
    schemas: responseSchemas.named,
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: options.sessionCookie,
        description: 'The session cookie set by signing in (or by a guest joining a room).',
      },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API token (`cs_…`), made by an admin at `POST /api/admin/api-tokens`; for `/api/v1` only.',
      },
    },
  };
  // The content's hash: the version changes exactly when a route or schema does.
  const version = createHash('sha256').update(JSON.stringify({ paths, components })).digest('hex').slice(0, 12);
  return {
    openapi: OPENAPI_VERSION,
    info: { title: 'CodeStream API', version, description: DESCRIPTION },
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components,
  };
}

/**
 * Every response schema written in one pass, so that a named schema (`API_SCHEMAS`) is a
 * `$ref` wherever it appears; unnamed ones are written inline where they are used.
 */
function responseSchemaWriter({ routes, schemas }: OpenApiOptions) {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<$ZodType, string>();
  const register = (schema: $ZodType, id: string) => {
    if (idOf.has(schema)) return;
    idOf.set(schema, id);
    registry.add(schema, { id });
  };
  for (const [name, schema] of Object.entries(schemas)) register(schema, name);
  for (const route of routes) {
    for (const response of Object.values(route.responses)) {
      if (typeof response !== 'object') continue;
      const media = 'json' in response ? response.alternative : response;
      for (const schema of ['json' in response ? response.json : undefined, (media as ApiMedia | undefined)?.items]) {
        if (schema) register(schema, `${INLINE_PREFIX}${idOf.size}`);
      }
    }
  }
  const written = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'output', uri: refTo }).schemas;
  const inline = new Map<string, JsonSchema>();
  const named: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(written)) {
    const { $schema: _, $id: __, ...rest } = schema as JsonSchema;
    if (id.startsWith(INLINE_PREFIX)) inline.set(refTo(id), rest);
    else named[id] = rest;
  }
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== 'object') return node;
    const { $ref } = node as { $ref?: string };
    const target = $ref === undefined ? undefined : inline.get($ref);
    if (target) return resolve(target);
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value)]));
  };
  for (const name of Object.keys(named)) named[name] = resolve(named[name]) as JsonSchema;
  return {
    named,
    /** The schema of one response: a `$ref` to a named one, or the schema itself. */
    of(schema: $ZodType): JsonSchema {
      const id = idOf.get(schema) as string;
      return id.startsWith(INLINE_PREFIX) ? (resolve({ $ref: refTo(id) }) as JsonSchema) : { $ref: refTo(id) };
    },
  };
}

/** A request body or query as clients may send it. */
function inputSchema(schema: $ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema;
  return rest;
}

function operation(route: ApiRoute, responseSchema: (schema: $ZodType) => JsonSchema): OpenApiOperation {
  const result: OpenApiOperation = {
    operationId: operationId(route),
    summary: route.summary,
    description: [route.description, `**Who:** ${API_ACCESS[route.access]}`].filter(Boolean).join('\n\n'),
    tags: [route.tag],
    'x-access': route.access,
    security: SECURITY[route.access] ?? [{ session: [] }],
    parameters: [...pathParameters(route), ...queryParameters(route)],
    responses: {},
  };
  const body = requestBody(route);
  if (body) result.requestBody = body;
  const statuses = { ...standardErrors(route), ...route.responses };
  for (const status of Object.keys(statuses).sort()) {
    result.responses[status] = response(
      mergedError(standardErrors(route)[Number(status)], route.responses[Number(status)]),
      responseSchema,
    );
  }
  return result;
}

/** Who may call a route, as the document's security schemes say it (any one of the list). */
const SECURITY: Partial<Record<ApiAccess, OpenApiOperation['security']>> = {
  public: [{}, { session: [] }],
  integrator: [{ bearer: [] }, { session: [] }],
};

/** `patch /api/rooms/:id/participants/:participant` → `patchRoomsIdParticipantsParticipant`. */
function operationId(route: ApiRoute): string {
  const words = route.path
    .split(/[/.:-]+/)
    .filter((word) => word && word !== 'api')
    .map((word) => word[0]?.toUpperCase() + word.slice(1));
  return route.method + words.join('');
}

function pathParameters(route: ApiRoute): JsonSchema[] {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
  return names.map((name) => {
    const description = route.params?.[name];
    if (!description) throw new Error(`${route.method} ${route.path}: describe :${name} in params`);
    return { name, in: 'path', required: true, description, schema: { type: 'string' } };
  });
}

function queryParameters(route: ApiRoute): JsonSchema[] {
  if (!route.query) return [];
  const { properties = {}, required = [] } = inputSchema(route.query) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, schema]) => {
    const description = route.queryHelp?.[name];
    return { name, in: 'query', required: required.includes(name), ...(description ? { description } : {}), schema };
  });
}

function requestBody(route: ApiRoute): OpenApiOperation['requestBody'] {
  const { body } = route;
  if (!body) return undefined;
  const content: Record<string, { schema: JsonSchema }> = {};
  if (body.json) content['application/json'] = { schema: inputSchema(body.json) };
  for (const type of body.fileTypes ?? []) content[type] = { schema: { type: 'string', contentMediaType: type } };
  // A JSON body every field of which is optional may be left out (the server reads `{}`).
  const required = body.json === undefined || !z.safeParse(body.json, {}).success;
  return { required, ...(body.description ? { description: body.description } : {}), content };
}

function response(spec: ApiResponse, responseSchema: (schema: $ZodType) => JsonSchema): OpenApiAnswer {
  const error = { $ref: refTo('Error') };
  if (typeof spec === 'string') return { description: spec, content: { 'application/json': { schema: error } } };
  const answer: OpenApiAnswer = { description: 'error' in spec ? spec.error : spec.description };
  if (spec.headers && Object.keys(spec.headers).length > 0) answer.headers = headers(spec.headers);
  const content: Record<string, OpenApiMedia> = {};
  if ('error' in spec) content['application/json'] = { schema: error };
  if ('json' in spec) content['application/json'] = { schema: responseSchema(spec.json) };
  const media = 'json' in spec ? spec.alternative : 'contentType' in spec ? spec : undefined;
  if (media) {
    content[media.contentType] = {
      schema: { type: 'string', contentMediaType: media.contentType },
      ...(media.items ? { 'x-itemSchema': responseSchema(media.items) } : {}),
    };
  }
  if (Object.keys(content).length > 0) answer.content = content;
  return answer;
}

function headers(spec: ApiHeaders): NonNullable<OpenApiAnswer['headers']> {
  return Object.fromEntries(
    Object.entries(spec).map(([name, description]) => [
      name,
      { description, required: true, schema: { type: 'string' } },
    ]),
  );
}
