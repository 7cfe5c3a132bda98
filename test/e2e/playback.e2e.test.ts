import { describe, expect, it } from 'vitest';
import { useE2eApp } from './app.ts';
import { hostInNewRoom, screenshot } from './pages.ts';

const app = useE2eApp();

describe('playback in the browser', () => {
  it('the host scrubs to a moment before the first run and sees that code, then steps to the run and sees its output', async () => {
    const host = await hostInNewRoom(app, 'Hana');

    const editor = host.getByTestId('editor').locator('.cm-content');
    await editor.click();
    await host.keyboard.press('Control+A');
    await host.keyboard.press('Delete');
    await host.keyboard.insertText('print("first")');
    await host.getByTestId('run').click();
    await host.getByTestId('output').getByText('first').waitFor();
    await editor.click();
    await host.keyboard.press('Control+End');
    await host.keyboard.insertText('\nprint("second")');
    // The edits reach the update log within its durability window.
    await host.waitForTimeout(500);

    await host.getByRole('link', { name: 'Playback' }).click();
    await host.waitForURL(/\/playback$/);
    const slider = host.getByRole('slider', { name: 'Moment' });
    const code = host.getByRole('region', { name: 'Code' });
    await slider.focus();
    await host.keyboard.press('End');
    await code.getByText('print("second")').waitFor();
    // Before the first run: the code as typed then, and no output yet.
    await host.getByRole('button', { name: 'Previous run' }).click();
    await code.getByText('print("first")').waitFor();
    await slider.focus();
    await host.keyboard.press('Home');
    await host.waitForFunction(
      () => !document.querySelector('[data-testid="playback-code"]')?.textContent?.includes('first'),
    );
    expect(await host.getByRole('region', { name: 'Program output' }).textContent()).not.toContain('first');

    await host.getByRole('button', { name: 'Next run' }).click();
    await code.getByText('print("first")').waitFor();
    expect(await code.textContent()).not.toContain('second');
    await host.getByRole('region', { name: 'Program output' }).getByText('first').waitFor();
    await screenshot(host, 'playback');
  });
});
