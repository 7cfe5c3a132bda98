import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origin a request names: its Origin header, else the origin of its Referer.
 * Browsers send Origin on every cross-site POST/PUT/PATCH/DELETE and WebSocket.
 */
export function requestOrigin(headers: IncomingMessage['headers']): string | null {
  const origin = headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** The server's own origin as the browser saw it (Host header), plus configured ones. */
export function isAllowedOrigin(origin: string, host: string | undefined, protocol: string, extra: readonly string[]) {
  return (host !== undefined && origin === `${protocol}://${host}`) || extra.includes(origin);
}

/**
 * Cross-site request forgery protection for cookie-authenticated requests: every
 * state-changing request must come from a page of this site (same Origin). SameSite=Lax
 * cookies already stop most of it; this also covers same-site subdomains and old browsers.
 * `exempt` names requests authenticated without cookies (an API token in a header, which
 * no other site's page can make a browser send).
 */
export function originCheck(
  extraOrigins: readonly string[],
  exempt: (ctx: Context) => boolean = () => false,
): Middleware {
  return async (ctx, next) => {
    if (!SAFE_METHODS.has(ctx.method) && !exempt(ctx)) {
      const origin = requestOrigin(ctx.headers);
      if (!origin || !isAllowedOrigin(origin, ctx.host, ctx.protocol, extraOrigins)) {
        ctx.throw(403, 'Cross-site request refused (the Origin header is missing or not this site)');
      }
    }
    await next();
  };
}
