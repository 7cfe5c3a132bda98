import { describe, expect, it } from 'vitest';
import { createUser, Session } from '../../room-server/test/harness.ts';
import { createProblem } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import {
  createInviteLink,
  guestJoins,
  hostInNewRoom,
  newPerson,
  replaceCode,
  screenshot,
  signIn,
  waitUntilLive,
} from './pages.ts';

const app = useE2eApp();

const PROGRAM = [
  'import sys',
  'print("name?", flush=True)',
  'print("hi", input(), flush=True)',
  'print("rest", repr(sys.stdin.read()), flush=True)',
].join('\n');

describe('live input in the browser', () => {
  it('a guest types a line into the host’s run, both see it echoed and the answer; Ctrl+D ends the input', async () => {
    const host = await hostInNewRoom(app, 'Ines');
    const guest = await guestJoins(app, await createInviteLink(host, { allowGuests: true }), 'Gus');
    await replaceCode(host, PROGRAM);
    await guest.getByTestId('editor').getByText('repr(sys.stdin.read())').waitFor();

    await host.getByTestId('run').click();
    await guest.getByTestId('output').getByText('name?').waitFor({ timeout: 30_000 });
    const line = guest.getByTestId('stdin-line');
    await line.click();
    await line.pressSequentially('Gus');
    await line.press('Enter');
    for (const page of [host, guest]) {
      await page.getByTestId('output').getByText('hi Gus').waitFor({ timeout: 15_000 });
      const echo = page.getByTestId('output').locator('[data-stream="stdin"]').first();
      expect(await echo.textContent()).toBe('Gus ›Gus\n');
    }
    expect(await line.inputValue()).toBe('');
    await screenshot(guest, 'room-live-input');

    const hostLine = host.getByTestId('stdin-line');
    await hostLine.fill('tail');
    await hostLine.press('Control+d');
    for (const page of [host, guest]) {
      await page
        .getByTestId('exit-status')
        .getByText(/code 0/)
        .waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('output').textContent()).toContain("rest 'tail'");
      expect(await page.getByTestId('stdin-line').isDisabled()).toBe(true);
      expect(await page.getByTestId('stdin-eof').isDisabled()).toBe(true);
    }
  });

  it('the console follows the output to its end, and stays where a reader scrolled up to', async () => {
    const host = await hostInNewRoom(app, 'Olga');
    await replaceCode(
      host,
      ['for i in range(150): print("first", i)', 'input()', 'for i in range(150): print("second", i, flush=True)'].join(
        '\n',
      ),
    );
    await host.getByTestId('run').click();
    const output = host.getByTestId('output');
    await output.getByText('first 149').waitFor({ timeout: 30_000 });
    const body = host.locator('.console-body').first();
    const position = () =>
      body.evaluate((el) => ({ top: el.scrollTop, fromEnd: el.scrollHeight - el.scrollTop - el.clientHeight }));
    await expect.poll(async () => (await position()).fromEnd).toBeLessThan(2);
    expect((await position()).top).toBeGreaterThan(0);

    // Scrolled to the top to read the start: the rest of the output does not pull it down.
    await body.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(async () => (await position()).top).toBe(0);
    const line = host.getByTestId('stdin-line');
    await line.fill('go');
    await line.press('Enter');
    await output.getByText('second 149').waitFor({ timeout: 15_000 });
    await host
      .getByTestId('exit-status')
      .getByText(/code 0/)
      .waitFor({ timeout: 15_000 });
    expect((await position()).top).toBe(0);
  });

  it('output that comes while another tab is shown is at its end when the Output tab is back', async () => {
    const [authorAccount, hostAccount] = await Promise.all([
      createUser(app.database, { role: 'author', name: 'Ava Author' }),
      createUser(app.database, { role: 'host', name: 'Tom Tabs' }),
    ]);
    const author = await new Session(app.server).signIn(authorAccount.email, authorAccount.password);
    await createProblem(author, { slug: 'tabbed-output' });
    const host = await newPerson(app.browser, app.contexts);
    await signIn(host, app.server.url, hostAccount);
    await host.goto(`${app.server.url}/problems/tabbed-output`);
    await host.getByTestId('open-room-language').selectOption('python');
    await host.getByTestId('open-room').click();
    await host.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(host);
    await replaceCode(
      host,
      [
        'import time',
        'for i in range(150): print("first", i, flush=True)',
        'time.sleep(2)',
        'for i in range(150): print("second", i, flush=True)',
      ].join('\n'),
    );
    await host.getByTestId('run').click();
    const output = host.getByTestId('output');
    await output.getByText('first 149').waitFor({ timeout: 30_000 });
    await host.getByTestId('verdicts-tab').click();
    await output.getByText('second 149').waitFor({ state: 'attached', timeout: 15_000 });
    await host.getByTestId('output-tab').click();
    const body = host.locator('#results-panel-output .console-body');
    await expect.poll(() => body.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
    expect(await body.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  });
});
