import { API_ROUTES, API_SCHEMAS } from '@codestream/shared/api';
import Router from '@koa/router';
import { docsPage } from './docsPage.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './openApiDocument.ts';

/**
 * GET /api/openapi.json and GET /api/docs: the document of every route, public (it holds
 * schemas, never data), built once on first request from the descriptors in shared/.
 */
export function openApiRoutes(options: { sessionCookie: string }): Router {
  const router = new Router({ prefix: '/api' });
  let built: { document: OpenApiDocument; page: string } | undefined;
  const get = () => {
    if (!built) {
      const document = buildOpenApiDocument({ routes: API_ROUTES, schemas: API_SCHEMAS, ...options });
      built = { document, page: docsPage(document) };
    }
    return built;
  };

  router.get('/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = get().document;
  });

  router.get('/docs', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'html';
    ctx.body = get().page;
  });

  return router;
}
