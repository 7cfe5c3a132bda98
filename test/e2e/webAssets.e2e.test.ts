import { get } from 'node:http';
import type { Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, Session } from '../../room-server/test/harness.ts';
import { createProblem } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import { hostInNewRoom, newPerson, replaceCode, signIn, waitUntilLive } from './pages.ts';

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

  it('a host’s interview on a problem, the largest room page, downloads at most 200 KB of compressed JavaScript, typing included; dialogs and tabs come when reached for', async () => {
    const [authorAccount, hostAccount] = await Promise.all([
      createUser(app.database, { role: 'author', name: 'Bea Budget' }),
      createUser(app.database, { role: 'host', name: 'Hugo Budget' }),
    ]);
    const author = await new Session(app.server).signIn(authorAccount.email, authorAccount.password);
    await createProblem(author, { slug: 'budget-sum', statement: 'Print $a + b$ for the **two** numbers.' });
    const opener = await newPerson(app.browser, app.contexts);
    await signIn(opener, app.server.url, hostAccount);
    await opener.goto(`${app.server.url}/problems/budget-sum`);
    await opener.getByTestId('open-room-title').fill('Budget interview');
    await opener.getByTestId('open-room-language').selectOption('python');
    await opener.getByTestId('open-room').click();
    await opener.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(opener);

    // The host again, in a browser with nothing cached: what a visit to the room downloads.
    const host = await newPerson(app.browser, app.contexts);
    await signIn(host, app.server.url, hostAccount);
    await host.goto(opener.url());
    await waitUntilLive(host);
    await host.getByTestId('statement-panel').locator('.katex').first().waitFor();
    await host.getByTestId('end-open').waitFor();
    await host.getByTestId('editor').locator('.cm-content').click();
    await host.keyboard.type('def ');
    // The grammar has come (the keyword typed is highlighted: plain text has no span of its
    // own); the page has had time to fetch anything else.
    await host.getByTestId('editor').locator('.cm-line span', { hasText: /^def$/ }).first().waitFor();
    await host.waitForLoadState('load');
    await host.waitForTimeout(1_000);
    const loaded = await host.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => ({ name: new URL(entry.name).pathname, bytes: entry.encodedBodySize })),
    );
    const total = loaded.reduce((sum, script) => sum + script.bytes, 0);
    expect(loaded.every((script) => script.bytes > 0)).toBe(true);
    expect({ total, under: total <= 200_000 }).toEqual({ total, under: true });
    const names = loaded.map((script) => script.name);
    expect(names).toContainEqual(expect.stringMatching(/\/hostControls-[\w-]+\.js$/));
    expect(names.filter((name) => /\/(hostDialogs|resultTabs)-/.test(name))).toEqual([]);

    // The pointer on a host's button fetches the dialogs' code; the dialog then works.
    const dialogsCode = host.waitForResponse(/\/assets\/hostDialogs-[\w-]+\.js$/);
    await host.getByTestId('invite-open').hover();
    await dialogsCode;
    await host.getByTestId('invite-open').click();
    await host.getByTestId('invite-dialog').getByRole('heading', { name: 'Invite people' }).waitFor();
    await host.keyboard.press('Escape');
    // The Verdicts and Submissions tabs: fetched as the focus reaches them, shown when chosen.
    const tabsCode = host.waitForResponse(/\/assets\/resultTabs-[\w-]+\.js$/);
    await host.getByTestId('output-tab').focus();
    await tabsCode;
    await host.keyboard.press('ArrowRight');
    await host.keyboard.press('ArrowRight');
    await host.getByTestId('submissions-empty').waitFor();
  });

  it('says so when the editor’s, a dialog’s or a page’s code cannot be downloaded', async () => {
    const host = await hostInNewRoom(app, 'Offline Host');
    await host.route(/\/assets\/hostDialogs-[\w-]+\.js$/, (route) => route.abort());
    await host.getByTestId('invite-open').click();
    const dialog = host.getByTestId('invite-dialog');
    await host.getByRole('dialog', { name: 'Invite' }).waitFor();
    await dialog
      .getByRole('alert')
      .getByText(/^This dialog could not be loaded \(.+\)\. Reload the page\.$/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
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
