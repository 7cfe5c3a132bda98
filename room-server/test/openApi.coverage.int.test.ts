import type Router from '@koa/router';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../src/http/openapi/openApiDocument.ts';
import { DocumentedApi } from './documentedApi.ts';
import { Session } from './harness.ts';
import { useRoomServer } from './roomServerFixture.ts';

/**
 * Routes answered by middleware rather than a router, which the routers' layers cannot
 * list. A route added that way is added here too.
 */
const MIDDLEWARE_ROUTES = ['GET /api/health', 'GET /api/ready'];

const fixture = useRoomServer();
let api: DocumentedApi;

beforeAll(async () => {
  api = await DocumentedApi.load(fixture.server.url);
});

/** Every method and path the app's routers answer, as `GET /api/rooms/{id}`. */
function routerRoutes(): string[] {
  const routers = fixture.server.app.middleware.flatMap((middleware) => {
    const router = (middleware as { router?: Router }).router;
    return router ? [router] : [];
  });
  const routes = routers.flatMap((router) =>
    router.stack.flatMap((layer) =>
      layer.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => `${method} ${openApiPath(String(layer.path).replace(/(.)\/$/, '$1'))}`),
    ),
  );
  return [...new Set(routes)].sort();
}

const documented = () =>
  Object.entries(api.document.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

describe('/api/openapi.json', () => {
  it('describes every route the server answers (add a missing one to shared/src/api/<feature>Api.ts)', () => {
    const served = [...routerRoutes(), ...MIDDLEWARE_ROUTES];
    expect(served.length).toBeGreaterThan(50);
    const missing = served.filter((route) => !documented().includes(route));
    expect(missing, 'routes the server answers that the document lacks').toEqual([]);
  });

  it('describes no route the server does not answer', () => {
    const served = new Set([...routerRoutes(), ...MIDDLEWARE_ROUTES]);
    expect(documented().filter((route) => !served.has(route))).toEqual([]);
  });

  it('answers every middleware route listed here (so the list stays true)', async () => {
    for (const route of MIDDLEWARE_ROUTES) {
      const [method, path] = route.split(' ');
      const res = await new Session(fixture.server).fetch(path ?? '', { method });
      expect(res.status, route).not.toBe(404);
    }
  });
});
