import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../room-server/test/harness.ts';
import type { E2eApp } from './app.ts';

/** A fresh browser context (own cookies: one person) and a page in it; closed with `contexts`. */
export async function newPerson(browser: Browser, contexts: BrowserContext[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

/** Signs in through the sign-in form the page is on (or /login), waiting until the header says so. */
export async function signInWithForm(page: Page, account: { email: string; password: string; name: string }) {
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-badge').getByText(account.name).waitFor();
}

export async function signIn(page: Page, baseUrl: string, account: { email: string; password: string; name: string }) {
  await page.goto(`${baseUrl}/login`);
  await signInWithForm(page, account);
}

export async function waitUntilLive(page: Page): Promise<void> {
  await page.getByTestId('connection').getByText('Live').waitFor();
}

/** As the room's owner: makes an invitation link through the Invite dialog and returns it. */
export async function createInviteLink(
  page: Page,
  options: { allowGuests: boolean; role?: 'host' | 'editor' | 'viewer' },
): Promise<string> {
  await page.getByTestId('invite-open').click();
  const allow = page.getByTestId('invite-allow-guests');
  if ((await allow.isChecked()) !== options.allowGuests) await allow.click();
  if (options.role) await page.getByTestId('invite-role').selectOption(options.role);
  await page.getByTestId('invite-create').click();
  const link = await page.getByTestId('invite-link').inputValue();
  await page.keyboard.press('Escape');
  await page.getByTestId('invite-dialog').waitFor({ state: 'hidden' });
  return link;
}

/** The editor's text without remote cursor widgets (their labels and word joiners). */
export const editorText = (page: Page) =>
  page.getByTestId('editor').evaluate((editor) =>
    [...editor.querySelectorAll('.cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true) as HTMLElement;
        for (const widget of copy.querySelectorAll('.cm-ySelectionCaret')) widget.remove();
        return (copy.textContent ?? '').replaceAll('\u2060', '');
      })
      .join('\n'),
  );

/** Saves a screenshot for people reviewing the UI, when CODESTREAM_SCREENSHOTS names a folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CODESTREAM_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** A host account signed in on a page of its own, in a new room of theirs, live. */
export async function hostInNewRoom(app: E2eApp, name: string): Promise<Page> {
  const account = await createUser(app.database, { role: 'host', name });
  const host = await newPerson(app.browser, app.contexts);
  await signIn(host, app.server.url, account);
  await host.getByTestId('create-room').click();
  await host.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
  await waitUntilLive(host);
  return host;
}

/** A guest who opens an invitation link in a browser of their own and joins as `name`, live. */
export async function guestJoins(app: E2eApp, link: string, name: string): Promise<Page> {
  const guest = await newPerson(app.browser, app.contexts);
  await guest.goto(link);
  await guest.getByTestId('join-name').fill(name);
  await guest.getByTestId('join-submit').click();
  await waitUntilLive(guest);
  return guest;
}

/** Replaces the code in `page`'s editor with `text`, typed as one insertion. */
export async function replaceCode(page: Page, text: string): Promise<void> {
  await page.getByTestId('editor').locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Whether the line holding `text` is drawn inside the visible part of `page`'s code editor. */
export function lineInView(page: Page, text: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const scroller = document.querySelector('[data-testid="editor"] .cm-scroller');
    // A line's text without remote cursor widgets (their labels and word joiners).
    const textOf = (line: Element) => {
      const copy = line.cloneNode(true) as HTMLElement;
      for (const widget of copy.querySelectorAll('.cm-ySelectionCaret')) widget.remove();
      return (copy.textContent ?? '').replaceAll('\u2060', '');
    };
    const line = [...document.querySelectorAll('[data-testid="editor"] .cm-line')].find((l) => textOf(l) === wanted);
    if (!scroller || !line) return false;
    const view = scroller.getBoundingClientRect();
    const rect = line.getBoundingClientRect();
    return rect.top >= view.top && rect.bottom <= view.bottom;
  }, text);
}
