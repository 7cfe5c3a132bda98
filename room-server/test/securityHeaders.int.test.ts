import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { createTestJudge, openTestDatabase, signedIn, startTestServer } from './harness.ts';

let database: Database;
let server: RoomServer;
const judge = createTestJudge();

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge });
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

/** Each directive of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) parsed.set(name, sources.join(' '));
  }
  return parsed;
}

describe('security headers', () => {
  it('every response carries a Content-Security-Policy that allows no foreign origin, and nosniff', async () => {
    const index = await (await fetch(`${server.url}/`)).text();
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    const member = await signedIn(server, database, 'member');
    const responses = await Promise.all([
      fetch(`${server.url}/`),
      fetch(`${server.url}/r/AAAAAAAAAAAAAAAAAAAA`, { headers: { accept: 'text/html' } }),
      fetch(`${server.url}${script}`),
      fetch(`${server.url}/api/health`),
      fetch(`${server.url}/api/no-such-route`),
      fetch(`${server.url}/api/rooms`),
      member.fetch('/api/rooms', { method: 'POST', json: { language: 'python' } }),
    ]);
    expect(responses.map((res) => res.status)).toEqual([200, 200, 200, 200, 404, 401, 403]);
    for (const res of responses) {
      const csp = directives(res.headers.get('content-security-policy'));
      expect(Object.fromEntries(csp)).toEqual({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'connect-src': "'self'",
        'object-src': "'none'",
        'frame-ancestors': "'none'",
        'base-uri': "'self'",
        'form-action': "'self'",
      });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('the built page needs no inline script, which the policy would block', async () => {
    const index = await (await fetch(`${server.url}/`)).text();
    const scripts = [...index.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/\ssrc="\/[^/]/);
      expect(body?.trim()).toBe('');
    }
    expect(index).not.toMatch(/\son[a-z]+=/i);
    expect(index).not.toMatch(/javascript:/i);
  });
});
