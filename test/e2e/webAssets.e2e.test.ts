import { get } from 'node:http';
import type { Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from './app.ts';
import { hostInNewRoom, waitUntilLive } from './pages.ts';

const app = useE2eApp();

/** Status and headers of a GET sent with exactly this Accept-Encoding (no client adds its own). */
function head(url: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding, accept: '*/*' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    }).on('error', reject);
  });
}

describe('the web app as served', () => {
  it('sends compressed, immutable scripts, a fresh page with the room preloaded, and no source map', async () => {
    const host = await hostInNewRoom(app, 'Asset Host');
    const responses: Response[] = [];
    host.on('response', (response) => responses.push(response));
    // Opened anew (not reached by the app's navigation): the page comes from the server.
    await host.reload();
    await waitUntilLive(host);
    await host.getByTestId('editor').locator('.cm-content').waitFor();

    const page = responses.find((r) => new URL(r.url()).pathname.startsWith('/r/'));
    expect(page?.status()).toBe(200);
    expect(await page?.headerValue('cache-control')).toBe('no-cache');
    const html = (await page?.text()) ?? '';
    expect(html).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/RoomView-[\w-]+\.js">/);

    const scripts = responses.filter((r) => r.url().endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) {
      const headers = await script.allHeaders();
      expect({ url: script.url(), encoding: headers['content-encoding'] }).toEqual({
        url: script.url(),
        encoding: 'br',
      });
      expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(headers.vary).toMatch(/accept-encoding/i);
      expect(await script.text()).not.toContain('sourceMappingURL');
    }

    // Each browser gets what it accepts; a source map is not there to fetch.
    const script = scripts[0]?.url() ?? '';
    const gzip = await head(script, 'gzip');
    expect([gzip.status, gzip.headers['content-encoding']]).toEqual([200, 'gzip']);
    const plain = await head(script, 'identity');
    expect([plain.status, plain.headers['content-encoding']]).toEqual([200, undefined]);
    expect((await head(`${script}.map`, 'br')).status).toBe(404);
    expect((await head(`${app.server.url}/assets/missing-0000.js`, 'br')).status).toBe(404);
    const index = await head(`${app.server.url}/`, 'br');
    expect([index.headers['content-encoding'], index.headers['cache-control']]).toEqual(['br', 'no-cache']);
  });
});
