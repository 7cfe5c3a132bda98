import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ApiError, queryString, request, requestJson, UNREACHABLE_MESSAGE } from './http.ts';

function fakeFetch(
  status: number,
  body: unknown,
  seen: Request[] = [],
  headers: Record<string, string> = {},
): typeof fetch {
  return async (input, init) => {
    seen.push(new Request(new URL(String(input), 'http://test'), init));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
}

describe('request', () => {
  it('sends JSON same-origin with a JSON content type', async () => {
    const seen: Request[] = [];
    await request('/api/x', { method: 'POST', json: { a: 1 }, fetchImpl: fakeFetch(200, {}, seen) });
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.credentials).toBe('same-origin');
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(await seen[0]?.json()).toEqual({ a: 1 });
  });

  it('sends files with their content type', async () => {
    const seen: Request[] = [];
    const body = new Blob([new Uint8Array([80, 75, 3, 4])]);
    await request('/api/zip', {
      method: 'POST',
      body,
      contentType: 'application/zip',
      fetchImpl: fakeFetch(201, {}, seen),
    });
    expect(seen[0]?.headers.get('content-type')).toBe('application/zip');
    expect(new Uint8Array(await (seen[0] as Request).arrayBuffer())).toEqual(new Uint8Array([80, 75, 3, 4]));
  });

  it('throws the server message, its details and Retry-After', async () => {
    const body = { error: { message: 'Invalid problem', details: [{ path: 'slug', message: 'Required' }] } };
    const err = await request('/api/x', { fetchImpl: fakeFetch(400, body) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      message: 'Invalid problem',
      details: [{ path: 'slug', message: 'Required' }],
    });
    const limited = await request('/api/x', {
      fetchImpl: fakeFetch(429, { error: { message: 'Too many' } }, [], { 'retry-after': '90' }),
    }).catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, retryAfterSeconds: 90 });
  });

  it('falls back to the status line when the body is not an error', async () => {
    await expect(request('/api/x', { fetchImpl: fakeFetch(502, '<html>') })).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/502/),
    });
  });

  it('throws a readable message when offline, and passes aborts through', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(request('/api/x', { fetchImpl: offline })).rejects.toMatchObject({
      status: 0,
      message: UNREACHABLE_MESSAGE,
    });
    const aborted: typeof fetch = async () => {
      throw new DOMException('aborted', 'AbortError');
    };
    await expect(request('/api/x', { fetchImpl: aborted })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('requestJson', () => {
  it('checks the answer against the schema', async () => {
    const schema = z.object({ id: z.string() });
    await expect(requestJson(schema, '/api/x', { fetchImpl: fakeFetch(200, { id: 'a' }) })).resolves.toEqual({
      id: 'a',
    });
    const warn = console.warn;
    console.warn = () => {};
    try {
      await expect(requestJson(schema, '/api/x', { fetchImpl: fakeFetch(200, { id: 1 }) })).rejects.toMatchObject({
        status: 0,
      });
    } finally {
      console.warn = warn;
    }
  });
});

describe('queryString', () => {
  it('leaves out empty values', () => {
    expect(queryString({ q: 'two sum', page: 2, tag: '', x: undefined, y: null })).toBe('?q=two+sum&page=2');
    expect(queryString({})).toBe('');
  });
});
