import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Database } from '../db/Database.ts';
import type { Logger } from '../logger.ts';
import { errorMiddleware } from './errors.ts';
import { roomRoutes } from './roomRoutes.ts';
import { webApp } from './webApp.ts';

export interface AppOptions {
  database: Database;
  webDist: string;
  log: Logger;
}

export function createApp({ database, webDist, log }: AppOptions): Koa {
  const app = new Koa();
  app.use(async (ctx, next) => {
    // Room links are capabilities: never leak them to other sites through Referer.
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    await next();
  });
  app.use(errorMiddleware(log));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '16kb' }));
  const rooms = roomRoutes(database.rooms);
  app.use(rooms.routes()).use(rooms.allowedMethods());
  app.use(async (ctx, next) => {
    if (ctx.path === '/api/health') {
      ctx.body = { ok: true };
      return;
    }
    await next();
  });
  for (const middleware of webApp(webDist)) app.use(middleware);
  return app;
}
