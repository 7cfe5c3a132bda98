import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../room-server/test/harness.ts';
import { useE2eApp } from './app.ts';
import { createInviteLink, editorText, newPerson, screenshot, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

const starter = 'a, b = map(int, input().split())\n# print the sum of a and b\n';
// Distinctive strings: if either shows up for the guest, the hidden test leaked.
const hiddenInput = '918273645 102938475\n';
const hiddenOutput = '1021212120\n';

/** Every text an API answer sent to `page`, so a leak can be looked for beyond what is rendered. */
function recordApiAnswers(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    void response.text().then(
      (text) => bodies.push(text),
      () => {}, // redirects and aborted requests have no body
    );
  });
  return bodies;
}

describe('a room on a problem', () => {
  it('an author writes a problem, a host opens a room on it, a guest sees statement and starter code but no hidden test', async () => {
    const [authorAccount, hostAccount] = await Promise.all([
      createUser(app.database, { role: 'author', name: 'Ada Author' }),
      createUser(app.database, { role: 'host', name: 'Hal Host' }),
    ]);

    // The author creates the problem on the admin pages.
    const author = await newPerson(app.browser, app.contexts);
    await signIn(author, app.server.url, authorAccount);
    await author.getByTestId('nav-admin').click();
    await author.getByTestId('admin-problem-new').click();
    // Checked before sending, with the server's schema and its English messages.
    await author.getByTestId('problem-form-save').click();
    await author.getByText('Too small: expected string to have >=1 characters').first().waitFor();
    await author.getByTestId('problem-form-title').fill('Sum of Two');
    expect(await author.getByTestId('problem-form-slug').inputValue()).toBe('sum-of-two');
    await author.getByTestId('problem-form-statement').fill('# Add them up\n\nPrint the **sum** of `a` and `b`.\n');
    // The live preview is rendered by the server.
    await author.getByTestId('problem-form-preview').locator('h1', { hasText: 'Add them up' }).waitFor();
    expect(await author.getByTestId('problem-form-preview').locator('strong').textContent()).toBe('sum');
    await author.getByTestId('problem-form-tags').fill('math, beginner');
    await author.getByTestId('problem-form-visibility').selectOption('published');
    await author.getByTestId('problem-form-starter-python').fill(starter);
    await screenshot(author, 'problem-editor-new');
    await author.getByTestId('problem-form-save').click();
    await author.waitForURL(/\/admin\/problems\/sum-of-two\/edit$/);

    // …and its hidden test.
    await author.getByTestId('test-add').click();
    await author.getByTestId('test-form-kind').selectOption('hidden');
    await author.getByTestId('test-form-input').fill(hiddenInput);
    await author.getByTestId('test-form-output').fill(hiddenOutput);
    await author.getByTestId('test-form-save').click();
    await author.getByTestId('test-row').filter({ hasText: '918273645' }).waitFor();
    expect(await author.getByTestId('test-count').textContent()).toContain('1 hidden test');
    await screenshot(author, 'problem-editor-tests');

    // A host finds it and opens a room on it.
    const host = await newPerson(app.browser, app.contexts);
    await signIn(host, app.server.url, hostAccount);
    await host.getByTestId('nav-problems').click();
    await host.getByTestId('problem-search').fill('sum of');
    await host.getByTestId('problem-row').filter({ hasText: 'Sum of Two' }).getByRole('link').click();
    await host.getByTestId('statement').getByText('Add them up').waitFor();
    await screenshot(host, 'problem-page');
    await host.getByTestId('open-room-language').selectOption('python');
    await host.getByTestId('open-room').click();
    await host.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(host);
    await host.getByTestId('statement').getByText('Add them up').waitFor();
    const guestLink = await createInviteLink(host, { allowGuests: true });

    // A guest without an account opens the link, gives a name and joins.
    const guest = await newPerson(app.browser, app.contexts);
    const answers = recordApiAnswers(guest);
    await guest.goto(guestLink);
    await guest.getByTestId('join-name').fill('Gus Guest');
    await guest.getByTestId('join-submit').click();
    await waitUntilLive(guest);
    expect(await guest.getByTestId('user-badge').textContent()).toContain('Guest: Gus Guest');

    // The statement beside the editor, the starter code in it.
    await guest.getByTestId('statement').getByText('Add them up').waitFor();
    expect(await guest.getByTestId('statement').locator('strong').textContent()).toBe('sum');
    await guest.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      '# print the sum of a and b',
    );
    expect(await editorText(guest)).toBe(starter);
    await host.getByTestId('participants').getByText('Gus Guest').waitFor();
    await screenshot(guest, 'room-guest');

    // Nothing of the hidden test reached the guest: not on the page, not in any answer.
    const html = await guest.content();
    for (const secret of [hiddenInput.trim(), hiddenOutput.trim()]) {
      expect(html).not.toContain(secret);
      expect(await guest.evaluate(() => document.body.textContent ?? '')).not.toContain(secret);
      for (const body of answers) expect(body).not.toContain(secret);
    }
    expect(answers.length).toBeGreaterThan(0);

    // The statement panel folds away and back.
    await guest.getByTestId('statement-toggle').click();
    await guest.getByTestId('statement').waitFor({ state: 'hidden' });
    await guest.getByTestId('statement-toggle').click();
    await guest.getByTestId('statement').waitFor();
  });
});
