import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, Session } from '../../room-server/test/harness.ts';
import { addTests, createProblem } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import { createInviteLink, newPerson, screenshot, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

const slug = 'add-two';
// Distinctive strings: if any shows up in a page, a hidden test leaked.
const hiddenTests = [
  { kind: 'hidden', input: '55555 44444\n', output: '99999\n' },
  { kind: 'hidden', input: '918273645 102938475\n', output: '1021212120\n' },
] as const;
const sample = { kind: 'sample', input: '1 2\n', output: '3\n' } as const;

// Right on the sample, wrong on both hidden tests.
const wrong = 'a, b = map(int, input().split())\nprint(a + b if a + b < 10 else 0)\n';
const right = 'a, b = map(int, input().split())\nprint(a + b)\n';

async function replaceCode(page: Page, code: string): Promise<void> {
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/** Waits until `page` shows the finished verdict of a submission other than `previousId`. */
async function finishedBanner(page: Page, previousId: string | null) {
  await page.waitForFunction(
    (previous) => {
      const panel = document.querySelector('[data-testid="verdicts"]');
      return (
        panel !== null &&
        panel.getAttribute('data-submission-id') !== previous &&
        panel.querySelector('[data-testid="verdict-banner"]') !== null
      );
    },
    previousId,
    { timeout: 60_000 },
  );
  const verdicts = page.getByTestId('verdicts');
  return {
    id: await verdicts.getAttribute('data-submission-id'),
    verdict: await verdicts.getByTestId('verdict-banner').getAttribute('data-verdict'),
    overall: await verdicts.getByTestId('verdict-overall').textContent(),
    score: await verdicts.getByTestId('verdict-score').textContent(),
    rows: await verdicts
      .getByTestId('verdict-row')
      .evaluateAll((rows) =>
        rows.map((row) => [row.getAttribute('data-kind'), row.getAttribute('data-verdict'), row.textContent ?? '']),
      ),
  };
}

function expectNoHiddenData(text: string): void {
  for (const test of hiddenTests) {
    expect(text).not.toContain(test.input.trim());
    expect(text).not.toContain(test.output.trim());
  }
}

describe('submitting in a room on a problem', () => {
  it('a member submits a wrong then a right solution; everyone sees per-test verdicts, never hidden data', async () => {
    // The author makes the problem through the API (the editor pages have their own test).
    const [authorAccount, hostAccount, memberAccount] = await Promise.all([
      createUser(app.database, { role: 'author', name: 'Ada Author' }),
      createUser(app.database, { role: 'host', name: 'Hal Host' }),
      createUser(app.database, { role: 'member', name: 'Mia Member' }),
    ]);
    const author = await new Session(app.server).signIn(authorAccount.email, authorAccount.password);
    await createProblem(author, {
      slug,
      title: 'Add Two',
      statement: 'Print the sum of `a` and `b`.',
      starterCode: { python: 'a, b = map(int, input().split())\n' },
      // Every test runs, so a wrong answer shows how many pass.
      stopAtFirstFailure: false,
    });
    await addTests(author, slug, [sample, ...hiddenTests]);

    // The host opens a room on it and invites the member, who signs in and joins.
    const host = await newPerson(app.browser, app.contexts);
    await signIn(host, app.server.url, hostAccount);
    await host.goto(`${app.server.url}/problems/${slug}`);
    await host.getByTestId('open-room-language').selectOption('python');
    await host.getByTestId('open-room').click();
    await host.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(host);
    const inviteLink = await createInviteLink(host, { allowGuests: false });

    const member = await newPerson(app.browser, app.contexts);
    await signIn(member, app.server.url, memberAccount);
    await member.goto(inviteLink);
    await member.getByTestId('join-submit').click();
    await waitUntilLive(member);
    expect(await member.getByTestId('submit').getAttribute('aria-keyshortcuts')).toContain('Control+Shift+Enter');
    expect(await member.getByTestId('submit').isEnabled()).toBe(true);

    // A wrong solution, submitted with Ctrl-Shift-Enter from the editor.
    await replaceCode(member, wrong);
    await host.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      'a + b < 10',
    );
    await member.keyboard.press('Control+Shift+Enter');
    // One job at a time: Run and Submit wait (judging takes far longer than this check).
    expect(await member.getByTestId('run').isDisabled()).toBe(true);
    expect(await member.getByTestId('submit').isDisabled()).toBe(true);

    // Both switch to the verdicts, see who submitted, and the rows as they arrive.
    for (const page of [member, host]) {
      await page.getByTestId('verdicts').waitFor();
      expect(await page.getByTestId('verdicts-tab').getAttribute('aria-selected')).toBe('true');
      expect(await page.getByTestId('submission-author').textContent()).toBe('Mia Member');
    }
    const first = await finishedBanner(member, null);
    expect(first).toMatchObject({ verdict: 'wrong-answer', overall: 'Wrong Answer', score: '1/3 passed' });
    expect(first.rows.map(([kind, verdict]) => [kind, verdict])).toEqual([
      ['sample', 'accepted'],
      ['hidden', 'wrong-answer'],
      ['hidden', 'wrong-answer'],
    ]);
    const seenByHost = await finishedBanner(host, null);
    expect(seenByHost).toEqual(first);
    await member.getByTestId('submission-status').waitFor({ state: 'detached' });
    expect(await member.getByTestId('run').isEnabled()).toBe(true);

    // Samples show what the program printed; hidden tests show verdicts and measurements only.
    const sampleRow = member.locator('[data-testid="verdict-row"][data-kind="sample"]');
    await sampleRow.getByTestId('sample-output').locator('summary').click();
    expect(await sampleRow.locator('.test-output').textContent()).toBe('3\n');
    expect(await member.locator('[data-testid="verdict-row"][data-kind="hidden"] details').count()).toBe(0);
    for (const [, , text] of first.rows) expectNoHiddenData(text ?? '');
    await screenshot(member, 'room-submission-wrong');

    // The right solution, submitted with the button: Accepted, 3/3, for both.
    await replaceCode(member, right);
    await member.getByTestId('submit').click();
    const second = await finishedBanner(member, first.id);
    expect(second).toMatchObject({ verdict: 'accepted', overall: 'Accepted', score: '3/3 passed' });
    expect(second.rows.map(([, verdict]) => verdict)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await finishedBanner(host, first.id)).toEqual(second);
    await screenshot(host, 'room-submission-accepted');

    // The room's history lists both, newest first.
    await host.getByTestId('submissions-tab').click();
    const history = host.getByTestId('room-submissions').getByTestId('submission-row');
    await host.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="room-submissions"] [data-testid="submission-row"]')]
          .map((r) => r.getAttribute('data-verdict'))
          .join() === 'accepted,wrong-answer',
    );
    expect(await history.count()).toBe(2);
    await screenshot(host, 'room-submission-history');

    // Nothing of the hidden tests reached either page.
    for (const page of [member, host]) expectNoHiddenData(await page.evaluate(() => document.body.textContent ?? ''));

    // The member's own list (from the account menu) leads to the submission's page.
    await member.locator('.account-more > summary').click();
    await member.getByTestId('my-submissions-link').click();
    await member.waitForURL(/\/submissions$/);
    const mine = member.getByTestId('my-submissions').getByTestId('submission-row');
    await mine.first().waitFor();
    expect(await mine.count()).toBe(2);
    await screenshot(member, 'my-submissions');
    await mine.first().getByTestId('submission-link').click();
    await member.waitForURL(/\/submissions\/[A-Za-z0-9_-]+$/);
    await member.getByTestId('submission-page').getByTestId('verdict-banner').waitFor();
    expect(await member.getByTestId('verdict-banner').getAttribute('data-verdict')).toBe('accepted');
    await member.getByTestId('submission-code').locator('.cm-content').waitFor();
    expect(await member.getByTestId('submission-code').locator('.cm-content').textContent()).toContain('print(a + b)');
    expect(await member.getByTestId('verdict-row').count()).toBe(3);
    expectNoHiddenData(await member.evaluate(() => document.body.textContent ?? ''));
    await screenshot(member, 'submission-page');

    // The author sees everyone's submissions on the problem's page.
    const authorPage = await newPerson(app.browser, app.contexts);
    await signIn(authorPage, app.server.url, authorAccount);
    await authorPage.goto(`${app.server.url}/problems/${slug}`);
    const all = authorPage.getByTestId('problem-submission-list').getByTestId('submission-row');
    await all.first().waitFor();
    expect(await all.count()).toBe(2);
    expect(await authorPage.getByTestId('problem-submissions').textContent()).toContain('Mia Member');
    await screenshot(authorPage, 'problem-submissions');
  });

  it('compile errors read clearly in Run and in Submit; rooms without a problem explain Submit', async () => {
    const hostAccount = await createUser(app.database, { role: 'host', name: 'Cy Compiler' });
    const host = await newPerson(app.browser, app.contexts);
    await signIn(host, app.server.url, hostAccount);

    // A room without a problem: Submit explains itself instead of asking the server.
    await host.getByTestId('create-room').click();
    await host.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(host);
    expect(await host.getByTestId('submit').getAttribute('aria-disabled')).toBe('true');
    expect(await host.getByTestId('verdicts-tab').count()).toBe(0);
    // (Playwright treats aria-disabled as disabled; people can still press it, or the shortcut.)
    await host.getByTestId('submit').dispatchEvent('click');
    expect(await host.getByTestId('notice').textContent()).toContain('not opened on a problem');
    await host.getByTestId('notice-dismiss').click();
    await host.keyboard.press('Control+Shift+Enter');
    expect(await host.getByTestId('notice').textContent()).toContain('not opened on a problem');
    await screenshot(host, 'room-no-problem-submit');
    await host.getByTestId('notice-dismiss').click();

    // A room on the problem, in C, with a syntax error.
    await host.goto(`${app.server.url}/problems/${slug}`);
    await host.getByTestId('open-room-language').selectOption('c');
    await host.getByTestId('open-room').click();
    await host.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(host);
    await replaceCode(host, '#include <stdio.h>\nint main(void) {\n  int a, b\n  return 0;\n}\n');

    // Run: the compiler's message on stderr, then a status that says the build failed.
    await host.getByTestId('run').click();
    await host.getByTestId('exit-status').waitFor({ timeout: 60_000 });
    expect(await host.getByTestId('output').locator('[data-stream="stderr"]').textContent()).toMatch(/error/);
    expect(await host.getByTestId('exit-status').textContent()).toMatch(/^Compilation failed/);
    await screenshot(host, 'room-run-compile-error');

    // Submit: Compilation Error, the compiler's message in full, no test rows.
    await host.keyboard.press('Control+Shift+Enter');
    const verdicts = host.getByTestId('verdicts');
    await verdicts.getByTestId('verdict-banner').waitFor({ timeout: 60_000 });
    expect(await verdicts.getByTestId('verdict-banner').getAttribute('data-verdict')).toBe('compilation-error');
    expect(await verdicts.getByTestId('compile-message').textContent()).toMatch(/error/);
    expect(await verdicts.getByTestId('verdict-row').count()).toBe(0);
    await screenshot(host, 'room-submit-compile-error');

    // A compiler message past its cap (≈ 110 KB of warnings, then an error) is marked where it was cut.
    const noisy =
      '#define A(x) x x x x x x x x x x x x\n#define B(x) A(A(A(x)))\nint main(void) { B(int;) return nope; }\n';
    await replaceCode(host, noisy);
    await host.getByTestId('run').click();
    const cut = host.getByTestId('output').getByTestId('truncated');
    await cut.waitFor({ timeout: 60_000 });
    expect(await cut.textContent()).toContain('stderr truncated after 64 KiB');
    await host.keyboard.press('Control+Shift+Enter');
    const marker = verdicts.getByTestId('compile-message').getByTestId('truncated');
    await marker.waitFor({ timeout: 60_000 });
    expect(await marker.textContent()).toContain('compiler message truncated after 64 KiB');
  });
});
