import { problemInputSchema } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../room-server/test/harness.ts';
import { problemBody } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import { editorText, newPerson, screenshot, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

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
});
