import { get } from 'node:http';
import type { Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from './app.ts';
import { hostInNewRoom, replaceCode, waitUntilLive } from './pages.ts';

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
  it('sends compressed, immutable scripts, a fresh page with the room preloaded, one room socket opened at start, and no source map', async () => {
    const host = await hostInNewRoom(app, 'Asset Host');
    const responses: Response[] = [];
    host.on('response', (response) => responses.push(response));
    // The room's code is held back until the room's socket opens: the page opens it as it
    // starts, before the editor's code has arrived (or after 5 s, and the test fails).
    const sockets: string[] = [];
    let socketOpened = () => {};
    const opened = new Promise<void>((resolve) => {
      socketOpened = resolve;
    });
    host.on('websocket', (socket) => {
      sockets.push(new URL(socket.url()).pathname);
      socketOpened();
    });
    let socketBeforeRoomCode = false;
    await host.route(/\/assets\/RoomView-[\w-]+\.js$/, async (route) => {
      socketBeforeRoomCode = await Promise.race([
        opened.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
      ]);
      await route.continue();
    });
    await host.reload();
    await waitUntilLive(host);
    await host.getByTestId('editor').locator('.cm-content').waitFor();
    // That socket is the one the room uses: there is no second.
    await replaceCode(host, 'print("one socket")\n');
    await waitUntilLive(host);
    expect(socketBeforeRoomCode).toBe(true);
    expect(sockets).toEqual([expect.stringMatching(/^\/ws\/rooms\/[\w-]{20}$/)]);

    const page = responses.find((r) => new URL(r.url()).pathname.startsWith('/r/'));
    expect(page?.status()).toBe(200);
    expect(await page?.headerValue('cache-control')).toBe('no-cache');
    const html = (await page?.text()) ?? '';
    expect(html).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/RoomView-[\w-]+\.js">/);

    const scripts = responses.filter((r) => r.url().endsWith('.js'));
    // A room without a problem, of a host: its hosts' controls, no problem's parts nor join form.
    const names = scripts.map((r) => new URL(r.url()).pathname);
    expect(names).toContainEqual(expect.stringMatching(/\/hostControls-[\w-]+\.js$/));
    expect(names.filter((name) => /\/(problemParts|JoinRoom)-/.test(name))).toEqual([]);
    expect(scripts.length).toBeGreaterThan(3);
    // The app's small modules the room shares with other pages come in one file, not one each.
    expect(names).toContainEqual(expect.stringMatching(/\/roomShared-[\w-]+\.js$/));
    expect(
      names.filter((name) => /\/(closeCodes|roomMessages|roomControls|exitStatus|submissionState)-/.test(name)),
    ).toEqual([]);
    for (const script of scripts) {
      const headers = await script.allHeaders();
      expect({ url: script.url(), encoding: headers['content-encoding'] }).toEqual({
        url: script.url(),
        encoding: 'br',
      });
      expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(headers.vary).toMatch(/accept-encoding/i);
      const text = await script.text();
      expect(text).not.toContain('sourceMappingURL');
      // How the sandbox runs programs (the languages' argv) stays on the server.
      expect(text).not.toContain('/usr/bin/');
      // zod's English messages only come with the problem editor (it words issues itself).
      expect(text).not.toContain('Too small: expected');
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
    expect([index.status, index.headers['cache-control']]).toEqual([200, 'no-cache']);

    // The pages people arrive on preload their own code, and only theirs.
    const pageHtml = async (path: string) =>
      (await fetch(`${app.server.url}${path}`, { headers: { accept: 'text/html' } })).text();
    const preloads = (text: string) =>
      [...text.matchAll(/rel="modulepreload" crossorigin href="\/assets\/(\w+)-/g)].map((m) => m[1]);
    expect(preloads(await pageHtml('/'))).toContain('HomePage');
    expect(preloads(await pageHtml('/login'))).toContain('LoginPage');
    expect(preloads(html)).not.toContain('HomePage');
    expect(preloads(await pageHtml('/problems'))).toEqual([]);
  });

  it('says so when the editor’s or a page’s code cannot be downloaded', async () => {
    const host = await hostInNewRoom(app, 'Offline Host');
    await host.route(/\/assets\/RoomView-[\w-]+\.js$/, (route) => route.abort());
    await host.reload();
    await host
      .getByRole('alert')
      .getByText(/^The editor could not be loaded \(.+\)\. Reload the page\.$/)
      .waitFor();
    await host.route(/\/assets\/ProblemsPage-[\w-]+\.js$/, (route) => route.abort());
    await host.goto(`${app.server.url}/problems`);
    await host
      .getByRole('alert')
      .getByText(/^This page could not be loaded \(.+\)\. Reload the page\.$/)
      .waitFor();
  });
});
