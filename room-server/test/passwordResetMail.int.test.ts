import { afterAll, beforeAll, expect, it } from 'vitest';
import { ResetMailer } from '../src/accounts/ResetMailer.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { createTestJudge, createUser, openTestDatabase, Session, signedIn, startTestServer } from './harness.ts';
import { startSmtpStandIn } from './smtpStandIn.ts';

// With SMTP_URL, an admin's password-reset link is mailed to the account as well.
const judge = createTestJudge();
let database: Database;
let server: RoomServer;
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
let mailer: ResetMailer;

beforeAll(async () => {
  database = await openTestDatabase();
  smtp = await startSmtpStandIn();
  mailer = new ResetMailer({ smtpUrl: smtp.url, from: 'CodeStream <codestream@example.org>' });
  server = await startTestServer({ database, judge, sso: { mailer, publicUrl: 'https://code.example.org' } });
});
afterAll(async () => {
  await server?.close();
  mailer?.close();
  await smtp?.close();
  await judge.close();
  await database?.close();
});

it('mails the reset link to the account, and the mailed link works once', async () => {
  const admin = await signedIn(server, database, 'admin');
  const person = await createUser(database, { role: 'member', name: 'Mia Mail' });
  const res = await admin.fetch(`/api/users/${person.id}/password-reset`, { method: 'POST', json: {} });
  const answer = (await res.json()) as { path: string; mailed: boolean };
  expect(answer.mailed).toBe(true);
  const mail = smtp.mails.at(-1);
  expect(mail?.to).toEqual([`<${person.email}>`]);
  expect(mail?.data).toContain('Subject: Set a new CodeStream password');
  // Undo quoted-printable (soft line breaks, `=` written `=3D`) to read the link as sent.
  const text = (mail?.data ?? '').replace(/=\r\n/g, '').replace(/=3D/g, '=');
  const token = text.match(/https:\/\/code\.example\.org\/reset-password\?token=([\w-]+)/)?.[1] ?? '';
  expect(answer.path).toBe(`/reset-password?token=${token}`);
  const reset = () =>
    new Session(server).fetch('/api/auth/password-reset', {
      method: 'POST',
      json: { token, password: 'a mailed passphrase' },
    });
  expect((await reset()).status).toBe(204);
  expect((await reset()).status).toBe(410);
});
