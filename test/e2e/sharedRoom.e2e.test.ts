import { DockerJudge } from '@codestream/judge';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../../room-server/src/createRoomServer.ts';
import type { Database } from '../../room-server/src/db/Database.ts';
import { openTestDatabase, startTestServer } from '../../room-server/test/harness.ts';
import { launchChromium } from './browser.ts';

let database: Database;
let judge: DockerJudge;
let server: RoomServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  judge = new DockerJudge({ sweepIntervalMs: 0 });
  server = await startTestServer({ database, judge });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  await judge?.close();
  await database?.close();
});

async function openAs(name: string, url: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('name-input').fill(name);
  await page.getByTestId('name-submit').click();
  await page.getByTestId('connection').getByText('Live').waitFor();
  return page;
}

/** The editor's text without remote cursor widgets (their labels and word joiners). */
const editorText = (page: Page) =>
  page.getByTestId('editor').evaluate((editor) =>
    [...editor.querySelectorAll('.cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true) as HTMLElement;
        for (const widget of copy.querySelectorAll('.cm-ySelectionCaret')) widget.remove();
        return (copy.textContent ?? '').replaceAll('\u2060', '');
      })
      .join('\n'),
  );

describe('a shared room in the browser', () => {
  it('A types, B sees code and cursor, B runs, everyone sees streamed output, a late joiner sees it all', async () => {
    // A creates the room from the home page.
    const homeContext = await browser.newContext();
    contexts.push(homeContext);
    const alice = await homeContext.newPage();
    await alice.goto(server.url);
    await alice.getByTestId('create-room').click();
    await alice.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    const roomUrl = alice.url();
    await alice.getByTestId('name-input').fill('Alice');
    await alice.getByTestId('name-submit').click();
    await alice.getByTestId('connection').getByText('Live').waitFor();

    const bob = await openAs('Bob', roomUrl);

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

    // Carol joins afterwards: same code, last output.
    const carol = await openAs('Carol', roomUrl);
    await carol.waitForFunction(
      (expected) => document.querySelector('[data-testid="editor"] .cm-content')?.textContent?.includes(expected),
      'print("second line")',
    );
    expect(await editorText(carol)).toBe(program);
    expect(await editorText(alice)).toBe(program);
    await carol.getByTestId('output').getByText('second line').waitFor();
    expect(await carol.getByTestId('run-author').textContent()).toContain('Bob');
  });
});
