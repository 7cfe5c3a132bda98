import { describe, expect, it } from 'vitest';
import { createUser, Session } from '../../room-server/test/harness.ts';
import { addTests } from '../../room-server/test/problemFixtures.ts';
import { GUESSER, INTERACTOR } from '../support/guessTheNumber.ts';
import { useE2eApp } from './app.ts';
import { newPerson, replaceCode, screenshot, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

describe('an interactive problem', () => {
  it('an admin sets a problem interactive, checks a reference solution, then a room’s submission shows its verdicts', async () => {
    const account = await createUser(app.database, { role: 'admin', name: 'Ada Admin' });
    const page = await newPerson(app.browser, app.contexts);
    await signIn(page, app.server.url, account);
    await page.goto(`${app.server.url}/admin/problems/new`);
    await page.getByTestId('problem-form-title').fill('Guess the Number');
    await page.getByTestId('problem-form-statement').fill('Guess the number between 1 and 1000.');
    await page.getByTestId('problem-form-visibility').selectOption('published');
    await page.getByTestId('problem-form-checker').selectOption('interactive');
    await page.getByTestId('problem-form-checker-language').selectOption('python');
    await page.getByTestId('problem-form-checker-code').fill(INTERACTOR);
    await page.getByTestId('problem-form-save').click();
    await page.waitForURL(/\/admin\/problems\/guess-the-number\/edit$/);
    const session = await new Session(app.server).signIn(account.email, account.password);
    await addTests(session, 'guess-the-number', [
      { kind: 'sample', input: '500\n', output: '-\n' },
      { kind: 'hidden', input: '1\n', output: '-\n' },
    ]);

    // Opened again, the editor shows the interactor; the reference solution passes every test.
    await page.reload();
    expect(await page.getByTestId('problem-form-checker').inputValue()).toBe('interactive');
    expect(await page.getByTestId('problem-form-checker-code').inputValue()).toBe(INTERACTOR);
    expect(await page.getByTestId('reference-generate').count()).toBe(0);
    await page.getByTestId('reference-code').fill(GUESSER);
    await page.getByTestId('reference-check').click();
    await page.getByTestId('reference-summary').filter({ hasText: 'All 2 tests passed.' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('reference-results').locator('li').allTextContents()).toEqual([
      expect.stringContaining('Test 1 (sample): accepted'),
      expect.stringContaining('Test 2 (hidden): accepted'),
    ]);
    await screenshot(page, 'interactive-reference-check');

    // In a room, a submission is judged by the interactor and its verdicts show as any other.
    await page.goto(`${app.server.url}/problems/guess-the-number`);
    await page.getByTestId('checker-fact').filter({ hasText: 'Interactive' }).waitFor();
    await page.getByTestId('open-room-language').selectOption('python');
    await page.getByTestId('open-room').click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(page);
    await replaceCode(page, GUESSER);
    await page.getByTestId('submit').click();
    const banner = page.getByTestId('verdicts').getByTestId('verdict-banner');
    await banner.and(page.locator('[data-verdict="accepted"]')).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('verdict-score').textContent()).toBe('2/2 passed');
  });
});
