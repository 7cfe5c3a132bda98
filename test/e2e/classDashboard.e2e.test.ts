import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, signedIn } from '../../room-server/test/harness.ts';
import { createProblem } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import { expectNoSeriousAxeFindings } from './axe.ts';
import { lineInView, newPerson, replaceCode, screenshot, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

describe('teaching a class in the browser', () => {
  it('an instructor watches three students live, observes one, messages the class and leads one with Follow me', async () => {
    const author = await signedIn(app.server, app.database, 'author');
    await createProblem(author, { slug: 'loops-sum', title: 'Loops Sum', visibility: 'published' });
    const teacher = await signedIn(app.server, app.database, 'host', 'Tara Teacher');
    const created = await teacher.fetch('/api/classes', {
      method: 'POST',
      json: { title: 'Loops', problemSlugs: ['loops-sum'] },
    });
    expect(created.status).toBe(201);
    const classId = ((await created.json()) as { id: string }).id;
    const linkRes = await teacher.fetch(`/api/classes/${classId}/join-link`, { method: 'POST' });
    const { token } = (await linkRes.json()) as { token: string };

    // Three students, each in a browser of their own, join through the link and open the problem.
    const names = ['Ada', 'Bo', 'Cy'];
    const students: { page: Page; roomId: string; name: string }[] = [];
    for (const name of names) {
      const account = await createUser(app.database, { role: 'member', name });
      const page = await newPerson(app.browser, app.contexts);
      await signIn(page, app.server.url, account);
      await page.goto(`${app.server.url}/classes/join/${token}`);
      await page.getByTestId('open-loops-sum').click();
      await page.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
      await waitUntilLive(page);
      students.push({ page, roomId: new URL(page.url()).pathname.split('/').at(-1) as string, name });
    }

    const instructor = await newPerson(app.browser, app.contexts);
    await signIn(instructor, app.server.url, teacher.account);
    await instructor.goto(`${app.server.url}/classes/${classId}`);
    const tile = (roomId: string) => instructor.locator(`[data-testid="room-tile"][data-room-id="${roomId}"]`);
    for (const { roomId, name } of students) await tile(roomId).getByTestId('tile-online').getByText(name).waitFor();

    // Each student types and runs; their own tile follows, live.
    for (const { page, roomId, name } of students) {
      await replaceCode(page, `print("warm up")\nprint("${name} loops")`);
      await tile(roomId).getByTestId('tile-preview').getByText(`${name} loops`).waitFor({ timeout: 10_000 });
      expect(await tile(roomId).getByTestId('tile-lines').textContent()).toBe('2 lines');
      await page.getByTestId('run').click();
      await page.getByTestId('output').getByText(`${name} loops`).waitFor({ timeout: 30_000 });
      await tile(roomId).getByTestId('tile-run').getByText('Exit 0').waitFor({ timeout: 10_000 });
    }
    // No tile shows another student's code.
    expect(
      await tile(students[0]?.roomId as string)
        .getByTestId('tile-preview')
        .textContent(),
    ).not.toContain('Bo');
    await screenshot(instructor, 'class-dashboard');
    await expectNoSeriousAxeFindings(instructor, 'the class dashboard with three students live');

    // Observe Ada's room: read-only, no Run.
    const [ada, bo] = students as [(typeof students)[0], (typeof students)[0]];
    await tile(ada.roomId).getByTestId('tile-observe').click();
    await instructor.waitForURL(new RegExp(`/r/${ada.roomId}\\?as=viewer$`));
    await waitUntilLive(instructor);
    expect(await instructor.getByTestId('run').count()).toBe(0);
    expect(await instructor.getByTestId('editor').locator('.cm-content').getAttribute('contenteditable')).toBe('false');

    // A message to the whole class reaches every student's room.
    await instructor.goto(`${app.server.url}/classes/${classId}`);
    await instructor.getByTestId('class-message-input').fill('Five minutes, then we compare');
    await instructor.getByTestId('send-class-message').click();
    for (const { page } of students) {
      await page.getByTestId('class-message').getByText('Five minutes, then we compare').waitFor({ timeout: 10_000 });
    }

    // In Bo's room as a host, Follow me moves Bo's view to the instructor's cursor.
    await instructor.goto(`${app.server.url}/r/${bo.roomId}`);
    await waitUntilLive(instructor);
    await instructor.getByTestId('follow-me').click();
    await bo.page.getByTestId('following').getByText('Following Tara Teacher').waitFor({ timeout: 10_000 });
    const lines = Array.from({ length: 200 }, (_, i) => `# step ${i + 1}`);
    await instructor.getByTestId('editor').locator('.cm-content').click();
    await instructor.keyboard.press('Control+End');
    await instructor.keyboard.insertText(`\n${lines.join('\n')}`);
    await expect.poll(() => lineInView(bo.page, '# step 200'), { timeout: 10_000 }).toBe(true);
    expect(await lineInView(bo.page, 'print("warm up")')).toBe(false);
  }, 150_000);
});
