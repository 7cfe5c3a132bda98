import { LANGUAGES } from '@codestream/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from './app.ts';
import { editorText, hostInNewRoom, replaceCode } from './pages.ts';

const app = useE2eApp();

/** The editor's highlighted token that is exactly `word` (plain text has no such span). */
const token = (page: Page, word: string) =>
  page
    .getByTestId('editor')
    .locator('.cm-line span', { hasText: new RegExp(`^${word}$`) })
    .first();

/** Script files the page has fetched since it loaded. */
const fetchedScripts = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));

describe('syntax highlighting in the room editor', () => {
  it("loads a language's grammar only when the room switches to it, with plain text while it loads and if it fails", async () => {
    const host = await hostInNewRoom(app, 'Hilde');
    const picker = host.getByTestId('language');
    const options = await picker.locator('option').allTextContents();
    expect(options).toHaveLength(LANGUAGES.length);
    LANGUAGES.forEach((language, i) => {
      expect(options[i]).toContain(language.version);
    });

    // The room's Python is highlighted; no other grammar has been fetched.
    expect(await token(host, 'import').getAttribute('class')).toMatch(/\S/);
    expect((await fetchedScripts(host)).filter((path) => /\/lang-(rust|go)-/.test(path))).toEqual([]);

    // Switched to Rust with the keyboard while its grammar is held back: Rust's template
    // shows as plain text; once the grammar arrives, its keywords are highlighted.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await host.route(/\/assets\/lang-rust-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const rustRequested = host.waitForRequest(/\/assets\/lang-rust-[^/]+\.js$/);
    await picker.focus();
    await host.keyboard.type('Rust');
    await rustRequested;
    expect(await picker.inputValue()).toBe('rust');
    await host.getByTestId('editor').getByText('fn main() {').waitFor();
    expect(await token(host, 'fn').count()).toBe(0);
    release();
    expect(await token(host, 'fn').getAttribute('class')).toMatch(/\S/);

    // A grammar that cannot be downloaded leaves plain text in an editor that still works.
    await host.route(/\/assets\/lang-go-[^/]+\.js$/, (route) => route.abort());
    const goFailed = host.waitForEvent('requestfailed', (request) => /\/lang-go-/.test(request.url()));
    await picker.selectOption('go');
    await goFailed;
    await host.getByTestId('editor').getByText('package main').waitFor();
    await replaceCode(host, 'package main\n\nfunc main() {}\n');
    expect(await editorText(host)).toBe('package main\n\nfunc main() {}\n');
    expect(await token(host, 'func').count()).toBe(0);
  });
});

describe('search in the room editor', () => {
  it('loads search at its first key, then finds text and highlights the other occurrences of a selected word', async () => {
    const host = await hostInNewRoom(app, 'Sören');
    const searchScripts = async () => (await fetchedScripts(host)).filter((path) => /\/search-[^/]+\.js$/.test(path));
    expect(await searchScripts()).toEqual([]);

    const editor = host.getByTestId('editor');
    await editor.locator('.cm-content').click();
    await host.keyboard.press('Control+End');
    await host.keyboard.insertText('\ncounter = 1\ncounter += counter\n');
    expect(await searchScripts()).toEqual([]);

    // Ctrl+F opens CodeMirror's panel (not the browser's find bar) once search has loaded.
    await host.keyboard.press('Control+f');
    const field = host.locator('.cm-search input[name="search"]');
    await field.waitFor();
    expect(await searchScripts()).toHaveLength(1);
    await field.fill('counter');
    await host.keyboard.press('Enter');
    expect(await editor.locator('.cm-searchMatch').count()).toBe(3);
    await host.keyboard.press('Escape');
    await host.locator('.cm-search').waitFor({ state: 'detached' });

    // A selected word marks its other occurrences.
    await editor
      .locator('.cm-line', { hasText: /^counter = 1$/ })
      .getByText('counter')
      .dblclick();
    await expect.poll(() => editor.locator('.cm-selectionMatch').count()).toBe(2);
  });
});
