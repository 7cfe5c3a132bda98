import { describe, expect, it } from 'vitest';
import { useE2eApp } from './app.ts';
import { createInviteLink, guestJoins, hostInNewRoom, replaceCode, screenshot } from './pages.ts';

const app = useE2eApp();

const PROGRAM = [
  'import sys',
  'print("name?", flush=True)',
  'print("hi", input(), flush=True)',
  'print("rest", repr(sys.stdin.read()), flush=True)',
].join('\n');

describe('live input in the browser', () => {
  it('a guest types a line into the host’s run, both see it echoed and the answer; Ctrl+D ends the input', async () => {
    const host = await hostInNewRoom(app, 'Ines');
    const guest = await guestJoins(app, await createInviteLink(host, { allowGuests: true }), 'Gus');
    await replaceCode(host, PROGRAM);
    await guest.getByTestId('editor').getByText('repr(sys.stdin.read())').waitFor();

    await host.getByTestId('run').click();
    await guest.getByTestId('output').getByText('name?').waitFor({ timeout: 30_000 });
    const line = guest.getByTestId('stdin-line');
    await line.click();
    await line.pressSequentially('Gus');
    await line.press('Enter');
    for (const page of [host, guest]) {
      await page.getByTestId('output').getByText('hi Gus').waitFor({ timeout: 15_000 });
      const echo = page.getByTestId('output').locator('[data-stream="stdin"]').first();
      expect(await echo.textContent()).toBe('Gus ›Gus\n');
    }
    expect(await line.inputValue()).toBe('');
    await screenshot(guest, 'room-live-input');

    const hostLine = host.getByTestId('stdin-line');
    await hostLine.fill('tail');
    await hostLine.press('Control+d');
    for (const page of [host, guest]) {
      await page
        .getByTestId('exit-status')
        .getByText(/code 0/)
        .waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('output').textContent()).toContain("rest 'tail'");
      expect(await page.getByTestId('stdin-line').isDisabled()).toBe(true);
      expect(await page.getByTestId('stdin-eof').isDisabled()).toBe(true);
    }
  });
});
