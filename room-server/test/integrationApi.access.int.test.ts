import { type ApiToken, apiTokenCreatedSchema } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/log/logger.ts';
import { apiClient, createToken } from './apiClients.ts';
import { createRoom, invite, join, Session, signedIn } from './harness.ts';
import { useRoomServer } from './roomServerFixture.ts';

// Who may use the integration API: admins make tokens (shown once, stored hashed) and
// revoke them; a token acts for its owner while the owner may; signed-in hosts, authors
// and admins may call it with their session; members, guests and strangers may not.

const logged: unknown[] = [];
const capturingLog: Logger = {
  info: (fields, message) => logged.push({ fields, message }),
  warn: (fields, message) => logged.push({ fields, message }),
  error: (fields, message) => logged.push({ fields, message }),
};
const app = useRoomServer({ log: capturingLog });
const RUN = { language: 'python', code: 'print(6 * 7)\n' };
const RUN_PATH = '/api/v1/runs';
const secrets: string[] = [];

let admin: Session;
let host: Session;
let member: Session;

beforeAll(async () => {
  [admin, host, member] = await Promise.all([
    signedIn(app.server, app.database, 'admin'),
    signedIn(app.server, app.database, 'host'),
    signedIn(app.server, app.database, 'member'),
  ]);
});

async function token(name: string, ownerId?: string) {
  const created = await createToken(admin, name, ownerId);
  secrets.push(created.token);
  return created;
}

describe('API tokens', () => {
  it('are shown once, listed by name and hint, used with Bearer, and refused (401) once revoked', async () => {
    const created = await token('grader');
    expect(apiTokenCreatedSchema.safeParse(created).error).toBeUndefined();
    expect(created.token).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(created.owner.id).toBe(admin.user?.id);
    expect(created.token.startsWith(created.hint.replace('…', ''))).toBe(true);

    const listed = await admin.fetch('/api/admin/api-tokens');
    const text = await listed.text();
    expect(text).not.toContain(created.token);
    const items = (JSON.parse(text) as { items: ApiToken[] }).items;
    expect(items.find((t) => t.id === created.id)).toMatchObject({ name: 'grader', revokedAt: null });
    // Stored hashed: the database holds no secret either.
    const stored = await app.database.db.collection('api_tokens').findOne({ _id: created.id as never });
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(13));

    const api = apiClient(app.server, created.token);
    const accepted = await api.accepted('/api/v1/runs', RUN);
    expect(accepted.status).toBe('queued');
    expect((await api.fetch(accepted.links.self)).status).toBe(200);
    const used = (await (await admin.fetch('/api/admin/api-tokens')).json()) as { items: ApiToken[] };
    expect(used.items.find((t) => t.id === created.id)?.lastUsedAt).not.toBeNull();

    const revoked = await admin.fetch(`/api/admin/api-tokens/${created.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as ApiToken).revokedAt).not.toBeNull();
    const refused = await api.fetch(accepted.links.self);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await api.post('/api/v1/runs', RUN)).status).toBe(401);
    expect((await admin.fetch('/api/admin/api-tokens/no-such-token', { method: 'DELETE' })).status).toBe(404);
  });

  it('are managed by admins only', async () => {
    expect((await host.fetch('/api/admin/api-tokens')).status).toBe(403);
    expect((await host.fetch('/api/admin/api-tokens', { method: 'POST', json: { name: 'mine' } })).status).toBe(403);
    expect((await new Session(app.server).fetch('/api/admin/api-tokens')).status).toBe(401);
    const created = await token('kept');
    expect((await host.fetch(`/api/admin/api-tokens/${created.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await apiClient(app.server, created.token).post(RUN_PATH, RUN)).status).toBe(202);
  });

  it('act for an owner who may use the API, and stop when the owner may no longer', async () => {
    const refusedOwner = await admin.fetch('/api/admin/api-tokens', {
      method: 'POST',
      json: { name: 'for a member', ownerId: member.user?.id },
    });
    expect(refusedOwner.status).toBe(400);
    const bad = await admin.fetch('/api/admin/api-tokens', { method: 'POST', json: { name: '' } });
    expect(bad.status).toBe(400);

    const owner = await signedIn(app.server, app.database, 'host');
    const created = await token('host bot', owner.account.id);
    expect(created.owner).toMatchObject({ id: owner.account.id, name: owner.account.name });
    const api = apiClient(app.server, created.token);
    expect((await api.post(RUN_PATH, RUN)).status).toBe(202);

    const demote = await admin.fetch(`/api/users/${owner.account.id}`, { method: 'PATCH', json: { role: 'member' } });
    expect(demote.status).toBe(200);
    expect((await api.post(RUN_PATH, RUN)).status).toBe(403);
    await admin.fetch(`/api/users/${owner.account.id}`, { method: 'PATCH', json: { role: 'host', disabled: true } });
    expect((await api.post(RUN_PATH, RUN)).status).toBe(401);
  });
});

describe('callers', () => {
  it('signed-in hosts and admins may call it with their session; members, guests and strangers may not', async () => {
    expect((await host.fetch(RUN_PATH, { method: 'POST', json: RUN })).status).toBe(202);
    expect((await admin.fetch(RUN_PATH, { method: 'POST', json: RUN })).status).toBe(202);
    const author = await signedIn(app.server, app.database, 'author');
    expect((await author.fetch(RUN_PATH, { method: 'POST', json: RUN })).status).toBe(202);

    const asMember = await member.fetch(RUN_PATH, { method: 'POST', json: RUN });
    expect(asMember.status).toBe(403);
    expect(((await asMember.json()) as { error: { message: string } }).error.message).toMatch(/member/);

    const roomId = await createRoom(host);
    const guest = new Session(app.server);
    expect((await join(guest, roomId, await invite(host, roomId, true), 'Guest Gus')).status).toBe(200);
    expect((await guest.fetch(RUN_PATH, { method: 'POST', json: RUN })).status).toBe(401);
    expect((await new Session(app.server).fetch(RUN_PATH, { method: 'POST', json: RUN })).status).toBe(401);
    expect((await new Session(app.server).fetch(`${RUN_PATH}/anything`)).status).toBe(401);
  });

  it('refuses a malformed or unknown token, and never falls back to the session beside it', async () => {
    for (const authorization of ['Bearer nope', 'Basic dXNlcjpwdw==', `Bearer cs_${'x'.repeat(43)}`]) {
      const res = await host.fetch(RUN_PATH, { method: 'POST', json: RUN, headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
  });

  it('a session still needs this site’s Origin to post; a token needs none', async () => {
    const crossSite = await host.fetch(RUN_PATH, {
      method: 'POST',
      json: RUN,
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const created = await token('no origin');
    const res = await fetch(`${app.server.url}${RUN_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(RUN),
    });
    expect(res.status).toBe(202);
  });

  it('each caller reads only its own jobs: another token, or the owner’s own session, gets 404', async () => {
    const [mine, theirs] = [await token('mine'), await token('theirs')];
    const accepted = await apiClient(app.server, mine.token).accepted(RUN_PATH, RUN);
    expect((await apiClient(app.server, mine.token).fetch(accepted.links.self)).status).toBe(200);
    expect((await apiClient(app.server, theirs.token).fetch(accepted.links.self)).status).toBe(404);
    expect((await apiClient(app.server, theirs.token).fetch(accepted.links.stream)).status).toBe(404);
    expect((await admin.fetch(accepted.links.self)).status).toBe(404);
    // A run's id does not name a submission.
    const asSubmission = accepted.links.self.replace('/runs/', '/submissions/');
    expect((await apiClient(app.server, mine.token).fetch(asSubmission)).status).toBe(404);

    const bySession = (await (await host.fetch(RUN_PATH, { method: 'POST', json: RUN })).json()) as { id: string };
    expect((await host.fetch(`${RUN_PATH}/${bySession.id}`)).status).toBe(200);
    expect((await apiClient(app.server, mine.token).fetch(`${RUN_PATH}/${bySession.id}`)).status).toBe(404);
  });

  it('never logs a token', () => {
    expect(secrets.length).toBeGreaterThan(3);
    const text = JSON.stringify(logged);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
