import { describe, expect, it } from 'vitest';
import { createUser, signedIn } from '../../room-server/test/harness.ts';
import { createProblem } from '../../room-server/test/problemFixtures.ts';
import { useE2eApp } from './app.ts';
import { newPerson, screenshot, signIn, waitUntilLive } from './pages.ts';

const app = useE2eApp();

describe('a class', () => {
  it('an instructor creates a class, a student joins through its link, opens a problem and sees the message live', async () => {
    const author = await signedIn(app.server, app.database, 'author');
    await createProblem(author, { slug: 'class-hello', title: 'Hello Class', visibility: 'published' });
    await createProblem(author, { slug: 'class-sum', title: 'Class Sum', visibility: 'published' });
    const [teacherAccount, studentAccount] = await Promise.all([
      createUser(app.database, { role: 'host', name: 'Tess Teacher' }),
      createUser(app.database, { role: 'member', name: 'Sam Student' }),
    ]);

    const teacher = await newPerson(app.browser, app.contexts);
    await signIn(teacher, app.server.url, teacherAccount);
    await teacher.getByTestId('nav-classes').click();
    await teacher.getByTestId('class-title').fill('Intro to Loops');
    await teacher.getByTestId('class-problems').fill('class-hello, class-sum');
    await teacher.getByTestId('create-class').click();
    await teacher.waitForURL(/\/classes\/[A-Za-z0-9_-]+$/);
    expect(await teacher.getByTestId('class-title-heading').textContent()).toBe('Intro to Loops');
    await teacher.getByTestId('class-dashboard').waitFor({ state: 'attached' });
    await teacher.getByTestId('new-join-link').click();
    const link = await teacher.getByTestId('class-join-link').inputValue();
    expect(link).toMatch(/\/classes\/join\/[A-Za-z0-9_-]+$/);

    // The student follows the link, signs in on the way, and lands on the class.
    const student = await newPerson(app.browser, app.contexts);
    await student.goto(link);
    await student.waitForURL(/\/login\?next=/);
    await student.getByTestId('login-email').fill(studentAccount.email);
    await student.getByTestId('login-password').fill(studentAccount.password);
    await student.getByTestId('login-submit').click();
    await student.getByTestId('class-problems').waitFor();
    await student.getByTestId('open-class-sum').click();
    await student.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(student);
    expect(await student.getByTestId('room-title').textContent()).toBe('Intro to Loops — Class Sum — Sam Student');
    expect(await student.getByTestId('class-banner').count()).toBe(0);

    // The teacher sees the student's room and sends a message; it appears in the room at once.
    await teacher.reload();
    await teacher.getByTestId('student-room-link').waitFor();
    await teacher.getByTestId('class-message-input').fill('Ten minutes left for the first problem');
    await teacher.getByTestId('send-class-message').click();
    await teacher.getByTestId('clear-class-message').waitFor();
    await screenshot(teacher, 'class-instructor');
    await student
      .getByTestId('class-message')
      .getByText('Ten minutes left for the first problem')
      .waitFor({ timeout: 10_000 });
    expect(await student.getByTestId('class-message').textContent()).toContain('Tess Teacher');

    // The class timer too.
    await teacher.getByTestId('class-timer-minutes').fill('15');
    await teacher.getByTestId('start-class-timer').click();
    await student.getByTestId('class-clock').waitFor({ timeout: 10_000 });
    expect(await student.getByTestId('class-clock').textContent()).toMatch(/^1[45]:\d\d$/);
    await screenshot(student, 'class-room-banner');

    // The student's room link on the teacher's page opens it as a host.
    await teacher.getByTestId('student-room-link').click();
    await teacher.waitForURL(/\/r\/[A-Za-z0-9_-]{20}$/);
    await waitUntilLive(teacher);
    await teacher.getByTestId('class-banner').waitFor();
  });
});
