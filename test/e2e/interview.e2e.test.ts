import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, Session } from '../../room-server/test/harness.ts';
import { addTests, createProblem } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import { createInviteLink, editorText, newPerson, screenshot, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

const slug = 'sum-interview';
const title = 'Interview with Cleo';
// Distinctive, so a leak anywhere in the candidate's traffic is found.
const notesText = 'NOTE-7Q3X: hesitated on parsing the input; recommend a second round';

/**
 * Everything `page` receives from now on: WebSocket frames and the bodies of the HTTP
 * responses it got in full (a fetch the page aborts gets none), as text. `read()` waits for
 * the bodies so far (call it before navigating: a page's bodies go with it); a body that
 * could not be read comes back as an error for the test to fail on.
 */
function recordTraffic(page: Page) {
  const frames: string[] = [];
  const reads: Promise<{ url: string; body?: string; error?: string }>[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frames.push(Buffer.from(payload).toString())));
  page.on('requestfinished', (request) => {
    const url = request.url();
    const read = async () => {
      const response = await request.response();
      const status = response?.status() ?? 0;
      // A redirect has no body of its own (its target's response is recorded too).
      if (!response || (status >= 300 && status < 400)) return { url, body: '' };
      return { url, body: (await response.body()).toString() };
    };
    reads.push(read().catch((error: Error) => ({ url, error: error.message })));
  });
  return { frames, read: () => Promise.all(reads) };
}

/** Waits until `page`'s editor shows `text` (a remote edit arrived). */
async function waitForCode(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
    text,
  );
}

describe('an interview in the browser', () => {
  it('from the invitation to the playback: code together, run, submit, private notes, language lock, end', async () => {
    const [authorAccount, hostAccount] = await Promise.all([
      createUser(app.database, { role: 'author', name: 'Ada Author' }),
      createUser(app.database, { role: 'host', name: 'Ivan Interviewer' }),
    ]);
    const author = await new Session(app.server).signIn(authorAccount.email, authorAccount.password);
    await createProblem(author, {
      slug,
      title: 'Sum of Two',
      statement: 'Print the sum of `a` and `b`.',
    });
    await addTests(author, slug, [
      { kind: 'sample', input: '1 2\n', output: '3\n' },
      { kind: 'hidden', input: '40 2\n', output: '42\n' },
    ]);

    // The interviewer opens a titled room on the problem and invites a guest as an editor.
    const host = await newPerson(app.browser, app.contexts);
    await signIn(host, app.server.url, hostAccount);
    await host.goto(`${app.server.url}/problems/${slug}`);
    await host.getByTestId('open-room-title').fill(title);
    await host.getByTestId('open-room-language').selectOption('python');
    await host.getByTestId('open-room').click();
    await host.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(host);
    await host.getByTestId('room-title').getByText(title).waitFor();
    const link = await createInviteLink(host, { allowGuests: true, role: 'editor' });

    // The candidate joins as a guest; from here on, everything their page receives is kept.
    const candidate = await newPerson(app.browser, app.contexts);
    const traffic = recordTraffic(candidate);
    await candidate.goto(link);
    await candidate.getByTestId('join-name').fill('Cleo Candidate');
    await candidate.getByTestId('join-submit').click();
    await waitUntilLive(candidate);
    await candidate.getByTestId('room-title').getByText(title).waitFor();
    expect(await candidate.getByRole('link', { name: 'Sign in' }).count()).toBe(0);
    expect(await candidate.getByRole('link', { name: 'Register' }).count()).toBe(0);
    expect(await candidate.getByRole('link', { name: 'Back to the room' }).getAttribute('href')).toBe(
      new URL(host.url()).pathname,
    );
    expect(await candidate.getByTestId('notes-toggle').count()).toBe(0);

    // Both code: each sees the other's text.
    const candidateEditor = candidate.getByTestId('editor').locator('.cm-content');
    await candidateEditor.click();
    await candidate.keyboard.press('Control+A');
    await candidate.keyboard.press('Delete');
    await candidate.keyboard.insertText('a, b = map(int, input().split())\nprint(a + b)\n');
    await waitForCode(host, 'print(a + b)');
    const hostEditor = host.getByTestId('editor').locator('.cm-content');
    await hostEditor.click();
    await host.keyboard.press('Control+End');
    await host.keyboard.insertText('# hint: two numbers on one line');
    await waitForCode(candidate, '# hint: two numbers');

    // The candidate runs with input; the output reaches both pages.
    await candidate.getByTestId('stdin').locator('.cm-content').click();
    await candidate.keyboard.insertText('20 22');
    await candidate.getByTestId('run').click();
    for (const page of [candidate, host]) {
      await page.getByTestId('exit-status').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('output').textContent()).toContain('42');
    }

    // The interviewer writes private notes (they leave the host's page on the notes socket).
    let notesSent = false;
    host.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (Buffer.from(payload).toString().includes(notesText)) notesSent = true;
      }),
    );
    await host.getByTestId('notes-toggle').click();
    await host.getByTestId('notes-panel').getByText('Private to hosts').waitFor();
    await host.getByTestId('notes').locator('.cm-content').click();
    await host.keyboard.insertText(notesText);
    await expect.poll(() => notesSent).toBe(true);

    // After the run, the candidate changes the code and submits: Accepted on both pages.
    await candidateEditor.click();
    await candidate.keyboard.press('Control+End');
    await candidate.keyboard.insertText('\n# checked with 20 22');
    await waitForCode(host, '# checked with 20 22');
    await candidate.getByTestId('submit').click();
    for (const page of [candidate, host]) {
      await page.getByTestId('verdicts').getByTestId('verdict-banner').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('verdict-banner').getAttribute('data-verdict')).toBe('accepted');
    }

    // The interviewer locks the language: the candidate's picker is disabled, and a change
    // forced past it is refused by the server.
    await host.getByTestId('interview-open').click();
    // The box shows the room's state: it turns checked once the server has applied the lock.
    const lock = host.getByTestId('control-language-locked');
    await lock.click();
    await expect.poll(() => lock.isChecked()).toBe(true);
    await host.keyboard.press('Escape');
    const candidateLanguage = candidate.getByTestId('language');
    await expect.poll(() => candidateLanguage.isDisabled()).toBe(true);
    expect(await candidateLanguage.getAttribute('title')).toBe('A host locked the language');
    await candidateLanguage.selectOption('javascript', { force: true });
    await candidate.getByTestId('notice').getByText('A host locked the language of this room.').waitFor();
    await expect.poll(() => candidateLanguage.inputValue()).toBe('python');
    expect(await host.getByTestId('language').inputValue()).toBe('python');

    // The interviewer ends the interview, leaving guests a read-only view.
    await host.getByTestId('end-open').click();
    await host.getByTestId('end-archive-for-guests').check();
    await host.getByTestId('end-confirm').click();
    await host.getByTestId('reopen').waitFor();
    await candidate.getByTestId('ended-banner').waitFor();
    await candidate.getByTestId('viewer-badge').getByText('The interview has ended').waitFor();
    expect(await candidate.getByTestId('run').count()).toBe(0);
    const finalCode = await editorText(candidate);
    expect(await candidateEditor.getAttribute('contenteditable')).toBe('false');
    await candidateEditor.click();
    await candidate.keyboard.insertText('typed after the end');
    expect(await editorText(candidate)).toBe(finalCode);
    // Coming back later, the guest still finds the read-only room.
    await traffic.read();
    await candidate.reload();
    await candidate.getByTestId('ended-banner').waitFor();
    await waitForCode(candidate, '# checked with 20 22');
    await screenshot(candidate, 'interview-ended-candidate');

    // Nothing of the notes reached the candidate's page, its sockets or its HTTP responses.
    expect(traffic.frames.length).toBeGreaterThan(0);
    for (const frame of traffic.frames) expect(frame).not.toContain(notesText);
    const responses = await traffic.read();
    expect(responses.filter((r) => r.error !== undefined)).toEqual([]);
    expect(responses.some((r) => r.url.includes('/api/rooms/'))).toBe(true);
    for (const { body } of responses) expect(body).not.toContain(notesText);
    expect(await candidate.locator('body').textContent()).not.toContain(notesText);

    // The interviewer replays the session: just before the first run, the code typed so far
    // and no output; the next run brings its output.
    await host.getByRole('link', { name: 'Playback' }).click();
    await host.waitForURL(/\/playback$/);
    const slider = host.getByRole('slider', { name: 'Moment' });
    const code = host.getByRole('region', { name: 'Code' });
    const output = host.getByRole('region', { name: 'Program output' });
    await slider.focus();
    await host.keyboard.press('End');
    await code.getByText('# checked with 20 22').waitFor();
    await host.getByRole('button', { name: 'Previous run' }).click();
    const runSeq = Number(await slider.inputValue());
    await slider.focus();
    await host.keyboard.press('ArrowLeft');
    // The moment's line names the update it shows, once its code has loaded.
    await host.getByText(new RegExp(`· update ${runSeq - 1}\\b`)).waitFor();
    expect(await code.textContent()).toContain('print(a + b)');
    expect(await code.textContent()).toContain('# hint: two numbers on one line');
    expect(await output.textContent()).not.toContain('42');
    await host.getByRole('button', { name: 'Next run' }).click();
    await output.getByText('42').waitFor();
    expect(await code.textContent()).not.toContain('# checked');
    await screenshot(host, 'interview-playback');
  });
});
