import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../room-server/test/harness.ts';
import { useE2eApp } from './app.ts';
import { createInviteLink, editorText, newPerson, screenshot, signIn, signInWithForm, waitUntilLive } from './pages.ts';

const app = useE2eApp();

/** A member opens the invitation link signed out, signs in from there, comes back and joins. */
async function joinThroughInvite(member: TestUser, inviteLink: string): Promise<Page> {
  const page = await newPerson(app.browser, app.contexts);
  await page.goto(inviteLink);
  await page.getByTestId('join-sign-in').click();
  await signInWithForm(page, member);
  await page.getByTestId('join-submit').click();
  await waitUntilLive(page);
  return page;
}

describe('a shared room in the browser', () => {
  it('A types, B sees code and cursor, B runs, everyone sees streamed output, a late joiner sees it all', async () => {
    const [aliceAccount, bobAccount, carolAccount] = await Promise.all([
      createUser(app.database, { role: 'host', name: 'Alice' }),
      createUser(app.database, { role: 'member', name: 'Bob' }),
      createUser(app.database, { role: 'member', name: 'Carol' }),
    ]);

    // A signs in and creates the room from the home page.
    const alice = await newPerson(app.browser, app.contexts);
    await signIn(alice, app.server.url, aliceAccount);
    await alice.getByTestId('create-room').click();
    await alice.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(alice);
    expect(await alice.getByTestId('user-badge').textContent()).toContain('Alice');

    // A invites; B signs in from the invitation and joins.
    const inviteLink = await createInviteLink(alice, { allowGuests: false });
    expect(inviteLink).toMatch(/\/r\/[A-Za-z0-9_-]{20}\?invite=/);
    const bob = await joinThroughInvite(bobAccount, inviteLink);

    // Alice replaces the template with a program that prints, sleeps, prints.
    const program = 'import time\nprint("first line", flush=True)\ntime.sleep(2)\nprint("second line")';
    await alice.getByTestId('editor').locator('.cm-content').click();
    await alice.keyboard.press('Control+A');
    await alice.keyboard.press('Delete');
    await alice.keyboard.insertText(program);

    // Bob sees the code and Alice's named cursor.
    await bob.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      'print("second line")',
    );
    await bob.getByTestId('editor').locator('.cm-ySelectionInfo', { hasText: 'Alice' }).waitFor({ state: 'attached' });
    await bob.getByTestId('participants').getByText('Alice').waitFor();

    // Bob runs; both see the first line while the program is still sleeping.
    await bob.getByTestId('run').click();
    for (const page of [alice, bob]) {
      await page.getByTestId('output').getByText('first line').waitFor();
      expect(await page.getByTestId('output').textContent()).not.toContain('second line');
    }
    for (const page of [alice, bob]) {
      await page.getByTestId('output').getByText('second line').waitFor({ timeout: 15_000 });
      await page
        .getByTestId('exit-status')
        .getByText(/code 0/)
        .waitFor();
      expect(await page.getByTestId('run-author').textContent()).toContain('Bob');
    }
    await screenshot(alice, 'room-shared');

    // Carol joins afterwards through the same invitation: same code, last output.
    const carol = await joinThroughInvite(carolAccount, inviteLink);
    await carol.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      'print("second line")',
    );
    expect(await editorText(carol)).toBe(program);
    expect(await editorText(alice)).toBe(program);
    await carol.getByTestId('output').getByText('second line').waitFor();
    expect(await carol.getByTestId('run-author').textContent()).toContain('Bob');

    // Ctrl-Z takes back one's own edit only (the room's undo manager), not Alice's after it.
    const appendLine = async (page: Page, line: string) => {
      await page.getByTestId('editor').locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText(`\n${line}`);
    };
    const waitForCode = (page: Page, code: string) =>
      expect.poll(() => editorText(page), { timeout: 10_000 }).toBe(code);
    await appendLine(carol, '# carol');
    await waitForCode(alice, `${program}\n# carol`);
    await appendLine(alice, '# alice');
    await waitForCode(carol, `${program}\n# carol\n# alice`);
    await carol.keyboard.press('Control+z');
    await waitForCode(alice, `${program}\n# alice`);
    expect(await editorText(carol)).toBe(`${program}\n# alice`);
  });
});
