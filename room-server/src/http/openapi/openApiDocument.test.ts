import { API_ROUTES, API_SCHEMAS, type ApiRoute } from '@codestream/shared/api';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { docsPage } from './docsPage.ts';
import { buildOpenApiDocument, type JsonSchema, openApiPath } from './openApiDocument.ts';
import { schemaHtml } from './schemaText.ts';
import { documentSchemas } from './testing/documentSchemas.ts';

const document = buildOpenApiDocument({ routes: API_ROUTES, schemas: API_SCHEMAS, sessionCookie: 'cs.sid' });
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);

/** Every schema object the operations hold (parameters, bodies, answers). */
function operationSchemas(): JsonSchema[] {
  return operations.flatMap(({ operation }) => [
    ...operation.parameters.map((parameter) => parameter.schema as JsonSchema),
    ...Object.values(operation.requestBody?.content ?? {}).map((media) => media.schema),
    ...Object.values(operation.responses).flatMap((answer) =>
      Object.values(answer.content ?? {}).flatMap((m) => [m.schema, ...(m['x-itemSchema'] ? [m['x-itemSchema']] : [])]),
    ),
  ]);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (the specification’s own schema)', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
  });

  it('holds only valid JSON Schema 2020-12, every reference resolving', () => {
    const schemas = documentSchemas(document);
    expect(schemas.named()).toHaveLength(Object.keys(API_SCHEMAS).length);
    for (const schema of operationSchemas()) expect(() => schemas.validator(schema)).not.toThrow();
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const name = ref.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(document.components.schemas, ref).toHaveProperty([name]);
    }
  });

  it('has every route once, with a unique operation id and a success answer', () => {
    const keys = API_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(operations).toHaveLength(API_ROUTES.length);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, operation } of operations) {
      expect(
        // A redirect is the success of a route that sends the browser on (single sign-on).
        Object.keys(operation.responses).some((status) => /^[23]/.test(status)),
        `${method} ${path}`,
      ).toBe(true);
    }
  });

  it('describes responses as sent (output) and requests as a client may send them (input)', () => {
    const create = document.paths['/api/rooms']?.post;
    const body = create?.requestBody?.content['application/json']?.schema as { required?: string[] };
    // `language` has a default: a client may leave it out, so the body may be left out too.
    expect(body.required ?? []).not.toContain('language');
    expect(create?.requestBody?.required).toBe(false);
    expect(document.components.schemas.Room).toMatchObject({ required: expect.arrayContaining(['language']) });
    expect(document.components.schemas.Room).toMatchObject({ additionalProperties: false });
  });

  it('adds the errors every route of a kind may answer, keeping the route’s own words', () => {
    const patch = document.paths['/api/users/{id}']?.patch;
    expect(patch?.responses['401']?.description).toBe('Sign in first.');
    expect(patch?.responses['403']?.description).toMatch(/Origin header.*role does not allow/);
    expect(patch?.responses['404']?.description).toBe('User not found.');
    expect(document.paths['/api/auth/me']?.get?.responses).not.toHaveProperty('401');
  });

  it('opens the integrator API to a bearer token or the session, with its headers and NDJSON streams', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const post = document.paths['/api/v1/runs']?.post;
    expect(post?.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(document.paths['/api/admin/api-tokens']?.get?.security).toEqual([{ session: [] }]);
    expect(post?.parameters).toContainEqual(expect.objectContaining({ name: 'wait', in: 'query', required: false }));
    expect(post?.responses['202']?.headers?.Location).toMatchObject({ required: true });
    expect(post?.responses['429']?.headers).toHaveProperty('Retry-After');
    expect(post?.responses['429']?.description).toMatch(/API_MAX_PENDING_JOBS.*API_RATE_LIMIT_PER_MINUTE/);
    expect(post?.responses['401']?.headers).toHaveProperty('WWW-Authenticate');
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '413', '415', '503']));
    const read = document.paths['/api/v1/submissions/{id}']?.get?.responses['200']?.content;
    expect(Object.keys(read ?? {})).toEqual(['application/json', 'application/x-ndjson']);
    expect(read?.['application/x-ndjson']?.['x-itemSchema']).toEqual({ $ref: '#/components/schemas/SubmitEvent' });
    expect(document.paths['/api/v1/submissions']?.post?.responses['422']).toBeDefined();
  });

  it('refuses a route whose path parameter is not described', () => {
    const route: ApiRoute = {
      method: 'get',
      path: '/api/things/:thing',
      summary: 'A thing.',
      tag: 'Service',
      access: 'public',
      responses: { 200: { description: 'It.', json: z.object({}) } },
    };
    expect(() => buildOpenApiDocument({ routes: [route], schemas: API_SCHEMAS, sessionCookie: 'c' })).toThrow(':thing');
    expect(openApiPath('/api/things/:thing/parts/:part')).toBe('/api/things/{thing}/parts/{part}');
  });
});

describe('the docs page', () => {
  const page = docsPage(document);

  it('shows every route and every named schema, and runs no script', () => {
    for (const { operation } of operations) expect(page).toContain(`id="${operation.operationId}"`);
    for (const name of Object.keys(document.components.schemas)) expect(page).toContain(`id="schema-${name}"`);
    expect(page).toContain('application/x-ndjson, a line each: <a href="#schema-RunEvent">RunEvent</a>');
    expect(page).toMatch(/<code>Retry-After<\/code>: Seconds to wait/);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('writes schemas as short types, linking named ones and escaping text', () => {
    const text = schemaHtml({
      type: 'object',
      properties: {
        role: { anyOf: [{ type: 'string', enum: ['host', '<b>'] }, { type: 'null' }] },
        room: { $ref: '#/components/schemas/Room' },
        tags: { type: 'array', items: { type: 'string', maxLength: 30 } },
      },
      required: ['role'],
      additionalProperties: false,
    });
    expect(text).toBe(
      [
        '{',
        '  role: &#34;host&#34; | &#34;&#60;b&#62;&#34; | null,',
        '  room?: <a href="#schema-Room">Room</a>,',
        '  tags?: Array&lt;string <span class="facets">(maxLength: 30)</span>&gt;',
        '}',
      ].join('\n'),
    );
    const small = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    expect(schemaHtml({ anyOf: [small, { type: 'null' }] })).toBe('{ name: string } | null');
  });
});
