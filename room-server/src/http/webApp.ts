import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';
import { webIndex } from './webIndex.ts';

/** Hashed file names change with their content: a browser may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A room's page (`/r/:id`, not its playback). */
const ROOM_PAGE = /^\/r\/[^/]+\/?$/;

/**
 * Serves the built web app; any other GET that wants HTML gets index.html so client
 * routes such as /r/:id load the app. Files under /assets/ (hashed names) are cached for
 * a year, everything else revalidated; the build's .br and .gz twins are sent to the
 * browsers that accept them.
 */
export function webApp(distDir: string): Middleware[] {
  const root = path.resolve(distDir);
  const assets = path.join(root, 'assets') + path.sep;
  const fallback: Middleware = async (ctx, next) => {
    await next();
    if (ctx.status !== 404 || ctx.body !== undefined || ctx.method !== 'GET') return;
    // A missing script or source map stays a 404: never a page under a script's name.
    if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/assets/') || !ctx.accepts('html')) return;
    try {
      ctx.body = await webIndex(root, ROOM_PAGE.test(ctx.path) ? 'room' : 'other');
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
    } catch {
      ctx.status = 503;
      ctx.type = 'text';
      ctx.body = 'The web app is not built. Run `npm start` (or `npm run build -w web`).';
    }
  };
  const files = serve(root, {
    index: 'index.html',
    brotli: true,
    gzip: true,
    setHeaders(res, file) {
      res.setHeader('Cache-Control', file.startsWith(assets) ? IMMUTABLE : 'no-cache');
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  return [fallback, files];
}
