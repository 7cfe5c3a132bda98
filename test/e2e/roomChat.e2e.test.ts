import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, Session } from '../../room-server/test/harness.ts';
import { addTests, createProblem } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import {
  createInviteLink,
  guestJoins,
  hostInNewRoom,
  lineInView,
  replaceCode,
  screenshot,
  signIn,
  waitUntilLive,
} from './pages.ts';

const app = useE2eApp();

/** The page's width beyond the viewport, and the elements that stick out (to say what to fix). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  });
}

describe('room chat and following in the browser', () => {
  it('two people chat: an unread count on the collapsed chat, cleared when it is opened; text stays text', async () => {
    const host = await hostInNewRoom(app, 'Hana');
    const guest = await guestJoins(app, await createInviteLink(host, { allowGuests: true }), 'Gus');
    await guest.getByTestId('chat-toggle').click();
    expect(await guest.getByTestId('chat-toggle').getAttribute('aria-expanded')).toBe('false');

    await host.getByTestId('chat-input').fill('Hello <b>Gus</b>');
    await host.getByTestId('chat-input').press('Enter');
    await guest.getByTestId('chat-unread').getByText('1').waitFor();
    await host.getByTestId('chat-message').getByText('Hello <b>Gus</b>').waitFor();
    expect(await host.getByTestId('chat-input').inputValue()).toBe('');
    // The sender's own message is no news to them.
    expect(await host.getByTestId('chat-unread').count()).toBe(0);

    await guest.getByTestId('chat-toggle').click();
    await guest.getByTestId('chat-unread').waitFor({ state: 'detached' });
    const message = guest.getByTestId('chat-message').first();
    expect(await message.locator('.chat-text').textContent()).toBe('Hello <b>Gus</b>');
    expect(await message.locator('b').count()).toBe(0);
    expect(await message.locator('.chat-author').textContent()).toBe('Hana');

    // Shift+Enter breaks the line; Enter sends.
    const input = guest.getByTestId('chat-input');
    await input.click();
    await guest.keyboard.type('line one');
    await guest.keyboard.press('Shift+Enter');
    await guest.keyboard.type('line two');
    await guest.keyboard.press('Enter');
    await host.getByTestId('chat-message').nth(1).waitFor();
    expect(await host.getByTestId('chat-message').nth(1).locator('.chat-text').textContent()).toBe(
      'line one\nline two',
    );
    expect(await host.getByTestId('chat-message').nth(1).locator('.chat-author').textContent()).toBe('Gus');
    await screenshot(host, 'room-chat');

    // Over the rate limit: the refused text stays in the input, and the person is told.
    for (let i = 1; i <= 6; i += 1) {
      await input.fill(`burst ${i}`);
      await input.press('Enter');
    }
    await guest
      .getByText(/not sent: at most 5 messages/)
      .first()
      .waitFor();
    expect(await input.inputValue()).toBe('burst 6');
    expect(await host.getByTestId('chat-message').filter({ hasText: 'burst 6' }).count()).toBe(0);

    // The playback shows the chat at the end of the session.
    await host.goto(`${host.url()}/playback`);
    await host.getByRole('slider', { name: 'Moment' }).press('End');
    const replayed = host.getByTestId('playback-chat').locator('.chat-text');
    await replayed.nth(1).waitFor();
    expect((await replayed.allTextContents()).slice(0, 2)).toEqual(['Hello <b>Gus</b>', 'line one\nline two']);
  });

  it("the host's Follow me scrolls the guest's editor to the host's cursor far down; Escape lets go", async () => {
    const host = await hostInNewRoom(app, 'Hana');
    const guest = await guestJoins(app, await createInviteLink(host, { allowGuests: true }), 'Gus');
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i + 1}`);
    await replaceCode(host, lines.slice(0, 10).join('\n'));
    await guest.getByTestId('editor').getByText('line 10').waitFor();

    await host.getByTestId('follow-me').click();
    await guest.getByTestId('following').getByText('Following Hana').waitFor();
    // The host learns it leads from the same broadcast as the guest, not necessarily first.
    await expect.poll(() => host.getByTestId('follow-me').getAttribute('aria-pressed')).toBe('true');

    // The host writes a long file; their cursor ends on its last line.
    await host.getByTestId('editor').locator('.cm-content').click();
    await host.keyboard.press('Control+End');
    await host.keyboard.insertText(`\n${lines.slice(10).join('\n')}`);
    await expect.poll(() => lineInView(guest, 'line 300'), { timeout: 10_000 }).toBe(true);
    expect(await lineInView(guest, 'line 1')).toBe(false);

    // The host goes back up: the guest's editor goes with them.
    await host.keyboard.press('Control+Home');
    await expect.poll(() => lineInView(guest, 'line 1'), { timeout: 10_000 }).toBe(true);

    await guest.keyboard.press('Escape');
    await guest.getByTestId('following').waitFor({ state: 'detached' });
    await host.keyboard.press('Control+End');
    // Give the host's cursor time to arrive: the guest's editor stays where it is.
    await host.waitForTimeout(1_000);
    expect(await lineInView(guest, 'line 300')).toBe(false);
    expect(await lineInView(guest, 'line 1')).toBe(true);

    // Following by a click on the host; typing takes the editor back.
    await guest.getByTestId('participant-follow').filter({ hasText: 'Hana' }).click();
    await expect.poll(() => lineInView(guest, 'line 300'), { timeout: 10_000 }).toBe(true);
    await guest.getByTestId('following').getByText('Following Hana').waitFor();
    await guest.getByTestId('editor').locator('.cm-content').click();
    expect(await guest.getByTestId('following').count()).toBe(1);
    await guest.keyboard.type('x');
    await guest.getByTestId('following').waitFor({ state: 'detached' });
  });

  it('the room page fits a 390 px wide screen: participants, output, submissions, session bar', async () => {
    const slug = 'chat-narrow';
    const [authorAccount, hostAccount] = await Promise.all([
      createUser(app.database, { role: 'author', name: 'Ada Author' }),
      createUser(app.database, { role: 'host', name: 'Hanna Hostington-Longname' }),
    ]);
    const author = await new Session(app.server).signIn(authorAccount.email, authorAccount.password);
    await createProblem(author, {
      slug,
      title: 'Echo',
      starterCode: { python: "print('an-unbroken-output-line-' * 12)\n" },
    });
    await addTests(author, slug, [{ kind: 'sample', input: 'hi\n', output: 'hi\n' }]);
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 } });
    app.contexts.push(context);
    const host = await context.newPage();
    await signIn(host, app.server.url, hostAccount);
    await host.goto(`${app.server.url}/problems/${slug}`);
    await host.getByTestId('open-room-language').selectOption('python');
    await host.getByTestId('open-room').click();
    await host.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(host);
    const link = await createInviteLink(host, { allowGuests: true });
    await guestJoins(app, link, 'Guillermina Guest-With-A-Long-Name');
    await guestJoins(app, link, 'Gustavo');
    await host.getByTestId('participants').getByText('Gustavo').waitFor();
    expect(await overflow(host)).toEqual({ scrollWidth: 390, wide: [] });

    await host.getByTestId('run').click();
    await host.getByTestId('exit-status').waitFor({ timeout: 30_000 });
    await host.getByTestId('output').getByText('an-unbroken-output-line', { exact: false }).first().waitFor();
    expect(await overflow(host)).toEqual({ scrollWidth: 390, wide: [] });

    await host.getByTestId('submit').click();
    await host.getByTestId('verdicts-tab').waitFor();
    await host.getByTestId('submissions-tab').click();
    await host.getByTestId('room-submissions').getByTestId('submission-row').first().waitFor({ timeout: 30_000 });
    expect(await overflow(host)).toEqual({ scrollWidth: 390, wide: [] });
    await screenshot(host, 'room-390');

    // The editor stays usable: typing reaches the code.
    await host.getByTestId('editor').locator('.cm-content').click();
    await host.keyboard.press('Control+End');
    await host.keyboard.insertText('\n# narrow');
    await host.getByTestId('editor').getByText('# narrow').waitFor();
    const editorBox = await host.getByTestId('editor').boundingBox();
    expect(editorBox?.width).toBeGreaterThan(300);
    expect(editorBox?.height).toBeGreaterThan(200);
  });
});
