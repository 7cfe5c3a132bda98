import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/**
 * Serves the built web app; any other GET that wants HTML gets index.html so client
 * routes such as /r/:id load the app.
 */
export function webApp(distDir: string): Middleware[] {
  const root = path.resolve(distDir);
  const indexFile = path.join(root, 'index.html');
  const fallback: Middleware = async (ctx, next) => {
    await next();
    if (ctx.status !== 404 || ctx.body !== undefined || ctx.method !== 'GET') return;
    if (ctx.path.startsWith('/api/') || !ctx.accepts('html')) return;
    try {
      ctx.body = await readFile(indexFile);
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
    } catch {
      ctx.status = 503;
      ctx.type = 'text';
      ctx.body = 'The web app is not built. Run `npm start` (or `npm run build -w web`).';
    }
  };
  return [fallback, serve(root, { index: 'index.html', maxage: 0 })];
}
