import { problemInputSchema } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../room-server/test/harness.ts';
import { problemBody } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import { editorText, newPerson, screenshot, signIn, waitUntilLive } from './pages.ts';

// Low, so the limit is met in a few steps.
const app = useE2eApp({ roomsPerMember: 2 });

async function addProblem(slug: string, title: string) {
  await app.database.problems.create(problemInputSchema.parse(problemBody({ slug, title })), null);
}

describe('practice with a friend', () => {
  it('a member presses Solve, types and runs, invites a friend with an account, and they edit together', async () => {
    const starter = 'a, b = map(int, input().split())\n';
    await app.database.problems.create(
      problemInputSchema.parse(problemBody({ slug: 'pair-up', title: 'Pair Up', starterCode: { python: starter } })),
      null,
    );
    const [miaAccount, finnAccount] = await Promise.all([
      createUser(app.database, { role: 'member', name: 'Mia' }),
      createUser(app.database, { role: 'member', name: 'Finn' }),
    ]);

    // Mia opens the problem and presses Solve: her own room on it, with the starter code.
    const mia = await newPerson(app.browser, app.contexts);
    await signIn(mia, app.server.url, miaAccount);
    await mia.goto(`${app.server.url}/problems/pair-up`);
    await mia.getByTestId('solve').click();
    await mia.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    const roomUrl = mia.url();
    await waitUntilLive(mia);
    expect(await editorText(mia)).toBe(starter);

    // She replaces it with a program and runs it.
    await mia.getByTestId('editor').locator('.cm-content').click();
    await mia.keyboard.press('Control+A');
    await mia.keyboard.press('Delete');
    await mia.keyboard.insertText('print("hello from Mia")');
    await mia.getByTestId('run').click();
    await mia.getByTestId('output').getByText('hello from Mia').waitFor({ timeout: 20_000 });

    // Solve again from the problem page: the same room.
    await mia.goto(`${app.server.url}/problems/pair-up`);
    await mia.getByTestId('solve').click();
    await mia.waitForURL(roomUrl);
    await waitUntilLive(mia);

    // Her invite form offers accounts only, as editors or viewers.
    await mia.getByTestId('invite-open').click();
    expect(await mia.getByTestId('invite-allow-guests').count()).toBe(0);
    const roles = await mia
      .getByTestId('invite-role')
      .locator('option')
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(roles).toEqual(['editor', 'viewer']);
    await mia.getByTestId('invite-create').click();
    const link = await mia.getByTestId('invite-link').inputValue();
    await mia.keyboard.press('Escape');
    await mia.getByTestId('invite-dialog').waitFor({ state: 'hidden' });

    // Finn, signed in in a browser of his own, joins through the link.
    const finn = await newPerson(app.browser, app.contexts);
    await signIn(finn, app.server.url, finnAccount);
    await finn.goto(link);
    await finn.getByTestId('join-submit').click();
    await waitUntilLive(finn);
    await finn.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      'hello from Mia',
    );

    // Each sees the other's text.
    await finn.getByTestId('editor').locator('.cm-content').click();
    await finn.keyboard.press('Control+End');
    await finn.keyboard.insertText('\nprint("and Finn")');
    await mia.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      'print("and Finn")',
    );
    await mia.getByTestId('editor').locator('.cm-content').click();
    await mia.keyboard.press('Control+Home');
    await mia.keyboard.insertText('# together\n');
    await finn.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      '# together',
    );
    const together = '# together\nprint("hello from Mia")\nprint("and Finn")';
    await expect.poll(() => editorText(mia)).toBe(together);
    await expect.poll(() => editorText(finn)).toBe(together);
    await screenshot(mia, 'practice-pair');

    // Finn's room list shows the room as shared with him, on its problem, with both online.
    await finn.goto(app.server.url);
    const row = finn.getByTestId('room-row').filter({ hasText: 'Practice: Pair Up' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Shared');
    expect(await row.getByRole('link', { name: 'Pair Up', exact: true }).count()).toBe(1);
    expect(await row.getByTestId('room-delete').count()).toBe(0);
  }, 120_000);

  it('a member reaches the room limit, then archives, restores and deletes rooms from the list, by keyboard', async () => {
    await Promise.all([
      addProblem('alpha-one', 'Alpha One'),
      addProblem('beta-two', 'Beta Two'),
      addProblem('gamma-three', 'Gamma Three'),
    ]);
    const account = await createUser(app.database, { role: 'member', name: 'Lee' });
    const lee = await newPerson(app.browser, app.contexts);
    await signIn(lee, app.server.url, account);
    for (const slug of ['alpha-one', 'beta-two']) {
      await lee.goto(`${app.server.url}/problems/${slug}`);
      await lee.getByTestId('solve').click();
      await lee.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    }
    await lee.goto(`${app.server.url}/problems/gamma-three`);
    await lee.getByTestId('solve').click();
    await lee
      .getByTestId('solve-error')
      .getByText(/delete or archive one/i)
      .waitFor();

    await lee.goto(app.server.url);
    const rows = lee.getByTestId('room-row');
    await expect.poll(() => rows.count()).toBe(2);
    await lee.getByTestId('room-search').fill('beta');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Practice: Beta Two')]);
    await lee.getByTestId('room-search').fill('');
    await expect.poll(() => rows.count()).toBe(2);

    // Archive Alpha with the keyboard: it leaves the list and waits under Archived.
    await rows.filter({ hasText: 'Alpha One' }).getByTestId('room-archive').focus();
    await lee.keyboard.press('Enter');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Beta Two')]);
    await lee.getByTestId('room-filter').selectOption('archived');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Alpha One')]);
    await rows.filter({ hasText: 'Alpha One' }).getByTestId('room-restore').click();
    await expect.poll(() => rows.count()).toBe(0);
    await lee.getByTestId('room-filter').selectOption('active');
    await expect.poll(() => rows.count()).toBe(2);

    // Delete Beta: Cancel has the focus first, so Enter alone deletes nothing.
    await rows.filter({ hasText: 'Beta Two' }).getByTestId('room-delete').focus();
    await lee.keyboard.press('Enter');
    await lee.getByTestId('confirm-dialog').waitFor();
    await lee.keyboard.press('Enter');
    await lee.getByTestId('confirm-dialog').waitFor({ state: 'hidden' });
    expect(await rows.count()).toBe(2);
    await rows.filter({ hasText: 'Beta Two' }).getByTestId('room-delete').click();
    await lee.getByTestId('confirm-ok').click();
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Alpha One')]);
    await screenshot(lee, 'room-list');

    // A room freed: Solve works again.
    await lee.goto(`${app.server.url}/problems/gamma-three`);
    await lee.getByTestId('solve').click();
    await lee.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
  }, 120_000);
});
