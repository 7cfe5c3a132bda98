import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Registry } from 'prom-client';
import { bearerTokenCheck } from './bearerToken.ts';

/**
 * GET /metrics in Prometheus's text format, for room-server and the judge service alike
 * (each with its own registry). Exposed only when asked for (see operationsConfigTable):
 * on the main port with a token, or on a listener of its own (loopback by default).
 */
export interface MetricsAccess {
  registry: Registry;
  /** Required as `Authorization: Bearer <token>` when set. */
  token?: string;
}

export const METRICS_PATH = '/metrics';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function answerer({ registry, token }: MetricsAccess): (authorization: string | undefined) => Promise<Answer> {
  const allowed = token === undefined ? () => true : bearerTokenCheck(token);
  return async (authorization): Promise<Answer> => {
    if (!allowed(authorization)) {
      return {
        status: 401,
        headers: { 'WWW-Authenticate': 'Bearer', 'Content-Type': 'application/json' },
        body: JSON.stringify({ error: { message: 'Missing or wrong bearer token' } }),
      };
    }
    return {
      status: 200,
      headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' },
      body: await registry.metrics(),
    };
  };
}

/**
 * /metrics on an app's main port: served to holders of `token`; without a token it is not
 * served there at all (404), whoever asks, since a proxy in front makes every client
 * look local.
 */
export function metricsRoute(access: MetricsAccess | undefined): Koa.Middleware {
  const answer = access?.token === undefined ? undefined : answerer(access);
  return async (ctx, next) => {
    if (ctx.path !== METRICS_PATH) return next();
    if (!answer || ctx.method !== 'GET') {
      ctx.status = 404;
      ctx.body = { error: { message: 'Not found' } };
      return;
    }
    const { status, headers, body } = await answer(ctx.get('Authorization') || undefined);
    ctx.status = status;
    ctx.set(headers);
    ctx.body = body;
  };
}

export interface MetricsListener {
  /** http://host:port of the listener. */
  readonly url: string;
  close(): Promise<void>;
}

/** A listener of its own that answers GET /metrics and nothing else (METRICS_PORT). */
export async function serveMetrics(options: MetricsAccess & { host: string; port: number }): Promise<MetricsListener> {
  const answer = answerer(options);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://localhost').pathname !== METRICS_PATH) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"message":"Not found"}}');
      return;
    }
    answer(req.headers.authorization).then(
      ({ status, headers, body }) => res.writeHead(status, headers).end(body),
      (err: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics failed: ${String(err)}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port, family } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
