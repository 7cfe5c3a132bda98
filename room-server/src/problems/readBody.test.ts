import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonBody, readRawBody } from './readBody.ts';

const LIMIT = 16;
let server: ReturnType<Koa['listen']>;
let url: string;

beforeAll(async () => {
  const app = new Koa();
  app.use(async (ctx) => {
    ctx.body =
      ctx.path === '/json'
        ? { json: await readJsonBody(ctx, LIMIT) }
        : { bytes: (await readRawBody(ctx, LIMIT, 'Body')).length };
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A body sent in chunks, without Content-Length, as a stream would be. */
function streamed(bytes: number): RequestInit {
  const chunk = new Uint8Array(4);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { method: 'POST', body, duplex: 'half' } as RequestInit;
}

describe('readRawBody', () => {
  it('reads a body within the limit', async () => {
    const res = await fetch(`${url}/raw`, { method: 'POST', body: new Uint8Array(LIMIT) });
    expect(await res.json()).toEqual({ bytes: LIMIT });
    expect(await (await fetch(`${url}/raw`, streamed(LIMIT))).json()).toEqual({ bytes: LIMIT });
  });

  it('answers 413 for a declared length over the limit', async () => {
    const res = await fetch(`${url}/raw`, { method: 'POST', body: new Uint8Array(LIMIT + 1) });
    expect(res.status).toBe(413);
    expect(await res.text()).toBe(`Body is larger than the limit of ${LIMIT} bytes`);
  });

  it('answers 413 once a streamed body passes the limit', async () => {
    expect((await fetch(`${url}/raw`, streamed(LIMIT + 4))).status).toBe(413);
  });

  it('refuses compressed bodies', async () => {
    const res = await fetch(`${url}/raw`, { method: 'POST', body: 'x', headers: { 'content-encoding': 'gzip' } });
    expect(res.status).toBe(415);
  });
});

describe('readJsonBody', () => {
  const post = (body: string, type = 'application/json') =>
    fetch(`${url}/json`, { method: 'POST', body, headers: { 'content-type': type } });

  it('parses JSON, refuses malformed JSON and other types', async () => {
    expect(await (await post('{"a":1}')).json()).toEqual({ json: { a: 1 } });
    expect((await post('{"a":')).status).toBe(400);
    expect((await post('a=1', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post(JSON.stringify({ a: 'x'.repeat(LIMIT) }))).status).toBe(413);
  });
});
