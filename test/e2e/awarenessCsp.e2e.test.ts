import {
  type AwarenessEntry,
  CloseCode,
  encodeAwarenessUpdate,
  MessageType,
  PROTOCOL_VERSION,
  ROOM_SOCKET_PATH,
} from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createUser, join, Session } from '../../room-server/test/harness.ts';
import { useE2eApp } from './app.ts';
import { createInviteLink, newPerson, signIn, signInWithForm, waitUntilLive } from './pages.ts';

const app = useE2eApp();

declare global {
  interface Window {
    cspViolations: string[];
  }
}

/** A new person whose page records every CSP violation, console error and request to evil.example. */
async function watchedPerson() {
  const page = await newPerson(app.browser, app.contexts);
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (request) => {
    if (request.url().includes('evil.example')) problems.push(`request: ${request.url()}`);
  });
  return { page, problems };
}

const colorOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
const ownColor = (page: Page) => colorOf(page, '[data-testid="participants"] [data-self="true"] .participant-dot');
const caret = '[data-testid="editor"] .cm-ySelectionCaret';

/** A room socket opened by hand with a session's cookie, as a hostile participant would. */
async function rawSocket(session: Session, roomId: string): Promise<WebSocket> {
  const url = `${app.server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
  const ws = new WebSocket(url, { headers: { cookie: session.cookieHeader, origin: app.server.url } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

function sendAwareness(ws: WebSocket, ...entries: AwarenessEntry[]): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(entries));
  ws.send(encoding.toUint8Array(encoder));
}

/** A cursor at the end of the room's code, as y-codemirror.next encodes one. */
const cursorAtEnd = () => {
  const end = { type: null, tname: 'code', item: null, assoc: 0 };
  return { anchor: end, head: end };
};

describe('cursors under the Content-Security-Policy', () => {
  it('two people see each other in colour with no CSP violation; a hostile cursor style reaches no page', async () => {
    const [aliceAccount, bobAccount, malloryAccount] = await Promise.all([
      createUser(app.database, { role: 'host', name: 'Alice' }),
      createUser(app.database, { role: 'member', name: 'Bob' }),
      createUser(app.database, { role: 'member', name: 'Mallory' }),
    ]);

    const alice = await watchedPerson();
    await signIn(alice.page, app.server.url, aliceAccount);
    await alice.page.getByTestId('create-room').click();
    await alice.page.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(alice.page);
    const inviteLink = await createInviteLink(alice.page, { allowGuests: false });
    const roomId = new URL(inviteLink).pathname.split('/').at(-1) as string;

    const bob = await watchedPerson();
    const document = await bob.page.goto(inviteLink);
    expect(document?.headers()['content-security-policy']).toContain("default-src 'self'");
    await bob.page.getByTestId('join-sign-in').click();
    await signInWithForm(bob.page, bobAccount);
    await bob.page.getByTestId('join-submit').click();
    await waitUntilLive(bob.page);

    // Both put their cursor in the editor; each sees the other's caret in the other's colour.
    await alice.page.getByTestId('editor').locator('.cm-content').click();
    await alice.page.keyboard.insertText('# hello from Alice\n');
    await bob.page.getByTestId('editor').locator('.cm-content').click();
    await bob.page.keyboard.press('Control+End');
    for (const [viewer, other] of [
      [bob.page, alice.page],
      [alice.page, bob.page],
    ] as const) {
      await viewer.locator(caret).first().waitFor({ state: 'attached' });
      const expected = await ownColor(other);
      expect(expected).toMatch(/^rgb\(/);
      await expect.poll(() => colorOf(viewer, caret)).toBe(expected);
    }

    // Mallory, a participant with her own client, sends what no page must draw.
    const mallory = await new Session(app.server).signIn(malloryAccount.email, malloryAccount.password);
    const token = new URL(inviteLink).searchParams.get('invite') as string;
    expect((await join(mallory, roomId, token)).status).toBe(200);
    const hostile: unknown[] = [
      { user: { name: 'Mallory', color: 'red; background: url(http://evil.example/x.png)' }, cursor: cursorAtEnd() },
      { user: { name: 'M'.repeat(10_000), color: '#ff0000' }, cursor: cursorAtEnd() },
      { user: { name: 'Mallory', colorLight: '#fff; position: fixed; inset: 0' }, cursor: cursorAtEnd() },
    ];
    for (const [i, state] of hostile.entries()) {
      const ws = await rawSocket(mallory, roomId);
      const closed = new Promise<number>((resolve) => ws.once('close', resolve));
      sendAwareness(ws, { clientId: 9000 + i, clock: 1, state });
      expect(await closed).toBe(CloseCode.MalformedMessage);
    }

    // A well-formed cursor claiming to be Alice is shown under the name the server knows.
    const spoof = await rawSocket(mallory, roomId);
    sendAwareness(spoof, {
      clientId: 9100,
      clock: 1,
      state: { user: { name: 'Alice', color: '#000000', colorLight: '#00000033' }, cursor: cursorAtEnd() },
    });
    await bob.page.locator('.cm-ySelectionInfo', { hasText: 'Mallory' }).waitFor({ state: 'attached' });
    expect(await bob.page.locator('.cm-ySelectionInfo', { hasText: 'Alice' }).count()).toBe(1);
    spoof.close();

    for (const person of [alice, bob]) {
      const styles = await person.page
        .locator('[data-testid="editor"] :is(.cm-ySelectionCaret, .cm-ySelection, .cm-yLineSelection)')
        .evaluateAll((elements) => elements.map((el) => el.getAttribute('style') ?? ''));
      expect(styles.filter((style) => /url\(|evil|fixed|inset/.test(style))).toEqual([]);
      expect(await person.page.evaluate(() => window.cspViolations)).toEqual([]);
      expect(person.problems).toEqual([]);
    }
  });
});
