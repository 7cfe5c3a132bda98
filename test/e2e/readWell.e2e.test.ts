import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRoom, invite, signedIn } from '../../room-server/test/harness.ts';
import { addTests, createProblem } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import { expectNoSeriousAxeFindings } from './axe.ts';
import { replaceCode, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

const STATEMENT =
  'Given $1 \\le n \\le 10^5$ numbers $a_i$, print\n\n$$\\sum_{i=1}^{n} a_i$$\n\nBad TeX: $\\frac{1}{$.';

/** What is on <html> and the body's background: the theme the page shows. */
const themeOf = (page: Page) =>
  page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    background: getComputedStyle(document.body).backgroundColor,
  }));

describe('pages that read well', () => {
  const seed = {
    admin: undefined as unknown as Awaited<ReturnType<typeof signedIn>>,
    classId: '',
    roomId: '',
    endedRoomId: '',
  };
  beforeAll(async () => {
    seed.admin = await signedIn(app.server, app.database, 'admin', 'Ada Admin');
    await createProblem(seed.admin, { slug: 'sum-math', title: 'Sum with Math', statement: STATEMENT });
    await addTests(seed.admin, 'sum-math', [{ kind: 'sample', input: '1 2\n', output: '3\n' }]);
    const created = await seed.admin.fetch('/api/classes', {
      method: 'POST',
      json: { title: 'Sums', problemSlugs: ['sum-math'] },
    });
    seed.classId = ((await created.json()) as { id: string }).id;
    seed.roomId = await createRoom(seed.admin, 'python', 'sum-math');
    seed.endedRoomId = await createRoom(seed.admin, 'python');
    const ended = await seed.admin.fetch(`/api/rooms/${seed.endedRoomId}/end`, { method: 'POST', json: {} });
    expect(ended.status).toBe(200);
  });

  it('every page passes axe in the dark and the light theme', { timeout: 120_000 }, async () => {
    const { admin, classId, roomId, endedRoomId } = seed;
    const h1 = (page: Page) => page.locator('h1').first().waitFor();
    const pages: { path: string; ready: (page: Page) => Promise<void> }[] = [
      { path: '/', ready: (page) => page.getByTestId('room-link').first().waitFor() },
      { path: '/problems', ready: (page) => page.getByText('Sum with Math').first().waitFor() },
      { path: '/problems/sum-math', ready: (page) => page.locator('.katex').first().waitFor() },
      { path: `/r/${roomId}`, ready: (page) => waitUntilLive(page) },
      { path: `/r/${endedRoomId}`, ready: (page) => page.getByTestId('connection').waitFor() },
      { path: `/r/${endedRoomId}/playback`, ready: h1 },
      { path: '/admin', ready: h1 },
      { path: '/admin/users', ready: (page) => page.getByText('Ada Admin').first().waitFor() },
      { path: '/admin/problems', ready: (page) => page.getByText('Sum with Math').first().waitFor() },
      { path: '/admin/problems/new', ready: (page) => page.getByTestId('problem-form-statement').waitFor() },
      {
        path: '/admin/problems/sum-math/edit',
        ready: (page) => page.getByTestId('problem-form-preview').locator('.katex').first().waitFor(),
      },
      { path: '/classes', ready: (page) => page.getByText('Sums').first().waitFor() },
      { path: `/classes/${classId}`, ready: h1 },
      { path: '/dashboard', ready: h1 },
      { path: '/submissions', ready: h1 },
      { path: '/no-such-page', ready: h1 },
    ];
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' });
    app.contexts.push(context);
    const page = await context.newPage();
    // Each page as it loaded (dark), then recoloured by the system switching to light: only
    // colours differ between the themes, so the light pass checks contrast alone.
    const check = async (where: string) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await expectNoSeriousAxeFindings(page, `${where} (dark)`);
      await page.emulateMedia({ colorScheme: 'light' });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await expectNoSeriousAxeFindings(page, `${where} (light)`, ['color-contrast']);
    };
    const guestToken = await invite(admin, roomId, true);
    const classToken = (
      (await (await admin.fetch(`/api/classes/${classId}/join-link`, { method: 'POST' })).json()) as {
        token: string;
      }
    ).token;
    for (const path of ['/login', '/register', `/r/${roomId}?invite=${guestToken}`, `/classes/join/${classToken}`]) {
      await page.goto(`${app.server.url}${path}`);
      await h1(page);
      await check(path);
    }
    // A guest in the room, with its statement.
    await page.goto(`${app.server.url}/r/${roomId}?invite=${guestToken}`);
    await page.getByTestId('join-name').fill('Gil Guest');
    await page.getByTestId('join-submit').click();
    await waitUntilLive(page);
    await check('the room as a guest');
    await context.clearCookies();
    await signIn(page, app.server.url, admin.account);
    for (const { path, ready } of pages) {
      await page.goto(`${app.server.url}${path}`);
      await ready(page);
      await check(path);
    }

    // The room once used: a chat message, a run's output and a submission's verdict; then
    // that submission's page.
    await page.goto(`${app.server.url}/r/${roomId}`);
    await waitUntilLive(page);
    await page.getByTestId('chat-input').fill('Hello');
    await page.getByTestId('chat-input').press('Enter');
    await page.getByTestId('chat-message').first().waitFor();
    await replaceCode(page, 'a, b = map(int, input().split())\nprint(a + b)\n');
    await page.getByTestId('submit').click();
    await page.getByTestId('verdict-banner').waitFor({ timeout: 60_000 });
    await page.getByTestId('run').click();
    // An empty Input box makes the run live: the program waits for a line until EOF.
    await page.getByTestId('stdin-eof').click();
    await page
      .getByTestId('output')
      .getByText(/exit|error/i)
      .first()
      .waitFor({ timeout: 60_000 });
    await check('a room with chat, output and a verdict');
    await page.goto(`${app.server.url}/submissions`);
    await page.getByTestId('submission-link').first().click();
    await page.waitForURL(/\/submissions\/[^/]+$/);
    await page.getByTestId('submission-code').waitFor();
    await check('a submission');
  });

  it('shows math rendered, not raw, on the problem page and in the room’s statement panel', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    app.contexts.push(context);
    const page = await context.newPage();
    const katexCss: string[] = [];
    page.on('request', (request) => {
      if (/katexStyles-[^/]*\.css$/.test(request.url())) katexCss.push(request.url());
    });
    await signIn(page, app.server.url, seed.admin.account);
    expect(katexCss).toEqual([]); // No math on the room list: KaTeX's stylesheet is not fetched.

    for (const path of ['/problems/sum-math', `/r/${seed.roomId}`]) {
      await page.goto(`${app.server.url}${path}`);
      const statement = page.getByTestId('statement');
      await statement.locator('.katex-display').waitFor();
      expect(await statement.locator('.katex').count()).toBe(3);
      // The raw TeX is gone from what is shown (the hidden MathML copy and the error keep the source).
      const shown = await statement.evaluate((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll('.katex-mathml, .katex-error')) hidden.remove();
        return copy.textContent ?? '';
      });
      expect(shown).toContain('numbers');
      expect(shown).not.toMatch(/\$|\\le|\\sum/);
      // Bad TeX is an error in its place; the rest of the statement is there.
      expect(await statement.locator('.katex-error').getAttribute('title')).toMatch(/^ParseError: KaTeX parse error/);
      // KaTeX's stylesheet is applied: its fonts draw the math.
      await expect
        .poll(() =>
          statement
            .locator('.katex')
            .first()
            .evaluate((el) => getComputedStyle(el).fontFamily),
        )
        .toContain('KaTeX_Main');
    }
    expect(katexCss.length).toBeGreaterThan(0);

    // The statement panel is reachable by keyboard (to scroll a long statement).
    await page.getByTestId('statement-scroll').focus();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('statement-body');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.statement-pane') !== null)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('statement-body');

    // The statement's code comes in a chunk of its own: when it cannot be downloaded, the panel says so.
    const failing = await context.newPage();
    await failing.route(/\/assets\/problemParts-[\w-]+\.js$/, (route) => route.abort());
    await failing.goto(`${app.server.url}/r/${seed.roomId}`);
    await failing.getByTestId('statement-scroll').getByText('This part of the room could not be loaded').waitFor();
    await failing.getByTestId('editor').locator('.cm-content').waitFor();
  });

  it('follows the system setting, and the switch overrides it (remembered by the browser)', async () => {
    const context = await app.browser.newContext({ colorScheme: 'light' });
    app.contexts.push(context);
    // While the app's script is still on its way (here: never comes), the page is already light.
    const loading = await context.newPage();
    await loading.route(/\.js$/, (route) => route.abort());
    await loading.goto(`${app.server.url}/login`);
    expect(await loading.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(245, 246, 250)');
    await loading.close();
    const page = await context.newPage();
    await page.goto(`${app.server.url}/login`);
    await expect.poll(async () => (await themeOf(page)).theme).toBe('light');
    const light = (await themeOf(page)).background;
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(async () => (await themeOf(page)).theme).toBe('dark');
    const dark = (await themeOf(page)).background;
    expect(light).not.toBe(dark);

    // Chosen light while the system is dark: kept across a reload and a system change.
    await page.getByTestId('theme-switch').selectOption('light');
    expect(await themeOf(page)).toEqual({ theme: 'light', background: light });
    await page.reload();
    await expect.poll(async () => (await themeOf(page)).theme).toBe('light');
    expect(await page.getByTestId('theme-switch').inputValue()).toBe('light');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('theme-switch').selectOption('dark');
    expect(await themeOf(page)).toEqual({ theme: 'dark', background: dark });
    // Back to the system's setting.
    await page.getByTestId('theme-switch').selectOption('system');
    expect((await themeOf(page)).theme).toBe('light');
    await page.reload();
    await expect.poll(async () => (await themeOf(page)).theme).toBe('light');

    // Another tab of the same browser follows a choice made here, its switch too.
    const other = await context.newPage();
    await other.goto(`${app.server.url}/login`);
    await expect.poll(async () => (await themeOf(other)).theme).toBe('light');
    await page.getByTestId('theme-switch').selectOption('dark');
    await expect.poll(async () => (await themeOf(other)).theme).toBe('dark');
    expect(await other.getByTestId('theme-switch').inputValue()).toBe('dark');
    await other.getByTestId('theme-switch').selectOption('system');
    await expect.poll(async () => (await themeOf(page)).theme).toBe('light');
    expect(await page.getByTestId('theme-switch').inputValue()).toBe('system');
  });
});
