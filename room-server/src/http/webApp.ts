import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';
import { type PreloadedPage, webIndex } from './webIndex.ts';

/** Hashed file names change with their content: a browser may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A room's page (`/r/:id`, not its playback). */
const ROOM_PAGE = /^\/r\/[^/]+\/?$/;

const isRead = (method: string) => method === 'GET' || method === 'HEAD';

function preloadedPage(pathname: string): PreloadedPage | null {
  if (ROOM_PAGE.test(pathname)) return 'room';
  if (pathname === '/') return 'home';
  if (pathname === '/login' || pathname === '/login/') return 'login';
  return null;
}

export interface WebApp {
  /**
   * Files under /assets/, answered before the session, the API's routers and the body
   * parser: a room page loads some twenty of them, and each one that passed through the
   * session (a store read) and every router waited behind it on a busy server. A missing
   * asset is a 404 here too.
   */
  assets: Middleware;
  /** Every other file of the build, and index.html for the GETs no route answered. */
  pages: Middleware[];
}

/**
 * Serves the built web app; any other GET that wants HTML gets index.html so client
 * routes such as /r/:id load the app. Files under /assets/ (hashed names) are cached for
 * a year, everything else revalidated; the build's .br and .gz twins are sent to the
 * browsers that accept them.
 */
export function webApp(distDir: string): WebApp {
  const root = path.resolve(distDir);
  const assetsDir = path.join(root, 'assets') + path.sep;
  const fallback: Middleware = async (ctx, next) => {
    await next();
    if (ctx.status !== 404 || ctx.body !== undefined || !isRead(ctx.method)) return;
    // A missing script or source map stays a 404: never a page under a script's name.
    if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/assets/') || !ctx.accepts('html')) return;
    try {
      ctx.body = await webIndex(root, preloadedPage(ctx.path));
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
    } catch {
      ctx.status = 503;
      ctx.type = 'text';
      ctx.body = 'The web app is not built. Run `npm start` (or `npm run build -w web`).';
    }
  };
  const files = serve(root, {
    // `/` is a page like the others (webIndex adds its preloads), not a plain file.
    index: false,
    brotli: true,
    gzip: true,
    setHeaders(res, file) {
      res.setHeader('Cache-Control', file.startsWith(assetsDir) ? IMMUTABLE : 'no-cache');
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  const assets: Middleware = async (ctx, next) => {
    if (!ctx.path.startsWith('/assets/') || !isRead(ctx.method)) return next();
    await files(ctx, async () => undefined);
  };
  return { assets, pages: [fallback, files] };
}
