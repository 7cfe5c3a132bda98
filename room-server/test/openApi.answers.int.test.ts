import type {
  ApiJobAccepted,
  ApiRun,
  ApiSubmission,
  ApiTokenCreated,
  PlaybackTimeline,
  RunEvent,
  SubmitEvent,
} from '@codestream/shared';
import { DocKeys } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { githubProvider } from '../src/accounts/sso/githubProvider.ts';
import { DocumentedApi, type DocumentedRequest } from './documentedApi.ts';
import { createUser, invite, Session, signedIn, waitFor } from './harness.ts';
import { problemBody, zipOf } from './problemFixtures.ts';
import { received, useRoomServer } from './roomServerFixture.ts';

/**
 * Every route of /api/openapi.json, called as the web app calls it, each answer checked
 * against the document (status listed, content type, JSON body valid under the schema;
 * see DocumentedApi). The last test fails naming any route never seen succeeding.
 */
// GitHub sign-in configured so its routes answer; starting one and a refused callback reach no GitHub.
const fixture = useRoomServer({
  sso: {
    ssoProviders: [
      githubProvider({
        clientId: 'id',
        clientSecret: 'secret',
        authorizeUrl: 'https://github.example/login/oauth/authorize',
        tokenUrl: 'https://github.example/login/oauth/access_token',
        apiUrl: 'https://api.github.example',
        createsAccounts: false,
      }),
    ],
  },
});
let api: DocumentedApi;
const people = {} as Record<'admin' | 'author' | 'owner' | 'member' | 'guest', Session>;
const anonymous = () => new Session(fixture.server);
const SLUG = 'openapi-sum';
let roomId = '';
let submissionId = '';

beforeAll(async () => {
  const { server, database } = fixture;
  api = await DocumentedApi.load(server.url);
  const [admin, author, owner, member] = await Promise.all([
    signedIn(server, database, 'admin'),
    signedIn(server, database, 'author'),
    signedIn(server, database, 'host', 'Owner'),
    signedIn(server, database, 'member', 'Member'),
  ]);
  Object.assign(people, { admin, author, owner, member, guest: anonymous() });
});

describe('every documented route answers as documented', () => {
  it('service: health, the document and its page', async () => {
    await api.call(anonymous(), 'GET /api/health');
    await api.call(anonymous(), 'GET /api/ready');
    await api.call(anonymous(), 'GET /api/openapi.json');
    const page = await api.call<string>(anonymous(), 'GET /api/docs');
    expect(page.body).toContain('CodeStream API');
  });

  it('accounts: register, sign in and out', async () => {
    const me = await api.call<{ user: null }>(anonymous(), 'GET /api/auth/me');
    expect(me.body.user).toBeNull();
    await api.call(people.member, 'GET /api/auth/me');
    const browser = anonymous();
    const account = { email: `reader-${Date.now()}@example.org`, name: 'Reader', password: 'a long passphrase' };
    await api.call(browser, 'POST /api/auth/register', { json: account }, 201);
    await api.call(browser, 'POST /api/auth/logout', {}, 204);
    const signIn = { email: account.email, password: account.password };
    await api.call(browser, 'POST /api/auth/login', { json: { ...signIn, remember: true } }, 400);
    await api.call(browser, 'POST /api/auth/login', { json: { email: account.email, password: 'wrong one!' } }, 401);
    await api.call(browser, 'POST /api/auth/login', { json: signIn });
    await api.call(browser, 'POST /api/auth/logout-all', {}, 204);
    await api.call(browser, 'POST /api/auth/logout-all', {}, 401);
  });

  it('users: list, change, revoke, invite to register', async () => {
    const { admin } = people;
    const target = await createUser(fixture.database, { role: 'member' });
    await api.call(admin, 'GET /api/users', { query: { q: target.name, pageSize: '5' } });
    await api.call(admin, 'PATCH /api/users/:id', { params: { id: target.id }, json: { role: 'wizard' } }, 400);
    await api.call(admin, 'PATCH /api/users/:id', { params: { id: target.id }, json: { role: 'host' } });
    await api.call(admin, 'POST /api/users/:id/revoke-sessions', { params: { id: target.id } });
    await api.call(admin, 'POST /api/signup-invites', { json: { role: 'author' } }, 201);
    await api.call(people.member, 'GET /api/users', {}, 403);
  });

  it('accounts: single sign-on, own account and sessions, unlock and reset links', async () => {
    const browser = anonymous();
    const started = await api.call(browser, 'GET /api/auth/sso/:provider', { params: { provider: 'github' } }, 302);
    expect(started.headers.get('location')).toMatch(/^https:\/\/github\.example\//);
    await api.call(browser, 'GET /api/auth/sso/:provider', { params: { provider: 'oidc' } }, 404);
    const callback = { params: { provider: 'github' }, query: { code: 'c', state: 'not this one' } };
    await api.call(browser, 'GET /api/auth/sso/:provider/callback', callback, 302);

    const person = await signedIn(fixture.server, fixture.database, 'member');
    await api.call(person, 'GET /api/account');
    await api.call(person, 'PATCH /api/account', { json: { name: 'Renamed' } });
    const password = { currentPassword: person.account.password, newPassword: 'another passphrase' };
    await api.call(person, 'POST /api/account/password', { json: password }, 204);
    await api.call(person, 'POST /api/account/password', { json: password }, 403);
    const laptop = await new Session(fixture.server).signIn(person.account.email, 'another passphrase');
    const listed = await api.call<{ items: { id: string; current: boolean }[] }>(person, 'GET /api/account/sessions');
    expect(listed.body.items).toHaveLength(2);
    const other = listed.body.items.find((item) => !item.current)?.id ?? '';
    await api.call(person, 'DELETE /api/account/sessions/:id', { params: { id: other } }, 204);
    await api.call(person, 'DELETE /api/account/sessions/:id', { params: { id: other } }, 404);
    await api.call(person, 'POST /api/account/sessions/end-others');
    await api.call(laptop, 'GET /api/account', {}, 401);

    const id = { id: person.account.id };
    await api.call(people.admin, 'POST /api/users/:id/unlock', { params: id }, 204);
    const link = await api.call<{ path: string }>(
      people.admin,
      'POST /api/users/:id/password-reset',
      { params: id, json: {} },
      201,
    );
    const token = new URL(link.body.path, fixture.server.url).searchParams.get('token') ?? '';
    const reset = { json: { token, password: 'a reset passphrase' } };
    await api.call(anonymous(), 'POST /api/auth/password-reset', reset, 204);
    await api.call(anonymous(), 'POST /api/auth/password-reset', reset, 410);
  });

  it('problems: the bank, tests and archives', async () => {
    const { author, member } = people;
    const slug = { slug: SLUG };
    const body = problemBody({ slug: SLUG, checker: { type: 'custom', language: 'python', code: 'exit(0)' } });
    await api.call(author, 'POST /api/problems', { json: body }, 201);
    await api.call(author, 'PUT /api/problems/:slug', { params: slug, json: { ...body, checker: { type: 'tokens' } } });
    await api.call(author, 'GET /api/problems', { query: { q: 'sum' } });
    await api.call(member, 'GET /api/problems/:slug', { params: slug });
    await api.call(member, 'GET /api/problems/:slug', { params: { slug: 'no-such-problem' } }, 404);
    await api.call(author, 'POST /api/render-markdown', { json: { markdown: '# Sum\n\n`a + b`' } });
    const test = { kind: 'sample', input: '1 2\n', output: '3\n' };
    const added = await api.call<{ id: string }>(
      author,
      'POST /api/problems/:slug/tests',
      { params: slug, json: test },
      201,
    );
    const testId = { ...slug, id: added.body.id };
    await api.call(author, 'GET /api/problems/:slug/tests/:id', { params: testId });
    await api.call(author, 'PUT /api/problems/:slug/tests/:id', { params: testId, json: { ...test, order: 0 } });
    const hidden = { tests: [{ kind: 'hidden', input: '2 2\n', output: '4\n' }] };
    await api.call(author, 'POST /api/problems/:slug/tests/bulk', { params: slug, json: hidden }, 201);
    const zip = zipOf({ 'extra.in': '5 5\n', 'extra.ans': '10\n' });
    await api.call(
      author,
      'POST /api/problems/:slug/tests/bulk',
      { params: slug, query: { replace: 'false' }, body: zip, contentType: 'application/zip' },
      201,
    );
    const tests = await api.call<{ id: string; input: string }[]>(author, 'GET /api/problems/:slug/tests', {
      params: slug,
    });
    const sum = { language: 'python', code: 'a, b = map(int, input().split())\nprint(a + b)\n' };
    await api.call(author, 'POST /api/problems/:slug/reference-check', { params: slug, json: sum });
    await api.call(author, 'POST /api/problems/:slug/reference-check', { params: slug, json: { code: '' } }, 400);
    const extra = tests.body.find((t) => t.input === '5 5\n')?.id ?? '';
    await api.call(author, 'DELETE /api/problems/:slug/tests/:id', { params: { ...slug, id: extra } }, 204);
    const exported = await api.call<Uint8Array>(author, 'GET /api/problems/:slug/export', { params: slug });
    const copy = { slug: `${SLUG}-copy` };
    const upload = { query: copy, body: exported.body, contentType: 'application/zip' };
    await api.call(author, 'POST /api/problems/import', upload, 201);
    await api.call(author, 'POST /api/problems/import', upload, 409);
    await api.call(author, 'DELETE /api/problems/:slug', { params: copy }, 204);
  });

  it('rooms: make, invite, join, list, archive, participants', async () => {
    const { owner, member } = people;
    await api.call(anonymous(), 'GET /api/languages');
    const made = await api.call<{ id: string }>(
      owner,
      'POST /api/rooms',
      { json: { problemSlug: SLUG, title: 'OpenAPI interview' } },
      201,
    );
    roomId = made.body.id;
    const room = { id: roomId };
    await api.call(owner, 'GET /api/rooms/:id', { params: room });
    const invited = await api.call<{ id: string; token: string }>(
      owner,
      'POST /api/rooms/:id/invites',
      { params: room, json: { allowGuests: true } },
      201,
    );
    const byInvite = { params: room, query: { invite: invited.body.token } };
    await api.call(anonymous(), 'GET /api/rooms/:id', byInvite);
    await api.call(anonymous(), 'GET /api/rooms/:id', { params: room }, 404);
    await api.call(member, 'POST /api/rooms/:id/join', { params: room, json: { invite: await invite(owner, roomId) } });
    const joinAsGuest = { params: room, json: { invite: invited.body.token } };
    await api.call(people.guest, 'POST /api/rooms/:id/join', joinAsGuest, 400);
    await api.call(people.guest, 'POST /api/rooms/:id/join', {
      ...joinAsGuest,
      json: { ...joinAsGuest.json, name: 'Gus' },
    });
    await api.call(owner, 'GET /api/rooms/:id/invites', { params: room });
    const spare = await api.call<{ id: string }>(owner, 'POST /api/rooms/:id/invites', { params: room, json: {} }, 201);
    await api.call(owner, 'DELETE /api/rooms/:id/invites/:invite', { params: { ...room, invite: spare.body.id } }, 204);
    const memberId = (await participants()).find((p) => p.kind === 'account')?.id ?? '';
    const participant = { ...room, participant: memberId };
    for (const role of ['viewer', 'editor']) {
      await api.call(
        owner,
        'PATCH /api/rooms/:id/participants/:participant',
        { params: participant, json: { role } },
        204,
      );
    }
    await api.call(member, 'GET /api/rooms/:id/participants', { params: room }, 403);
    await api.call(owner, 'GET /api/rooms', { query: { filter: 'mine', q: 'openapi' } });
    for (const archived of [true, false]) {
      await api.call(owner, 'PATCH /api/rooms/:id', { params: room, json: { archived } });
    }
    const doomed = await api.call<{ id: string }>(owner, 'POST /api/rooms', {}, 201);
    await api.call(owner, 'DELETE /api/rooms/:id', { params: { id: doomed.body.id } }, 204);
    await api.call(member, 'POST /api/problems/:slug/practice', { params: { slug: SLUG } }, 201);
    await api.call(member, 'POST /api/problems/:slug/practice', { params: { slug: SLUG } }, 200);
  });

  it('runs and submissions: the room’s history', async () => {
    const { owner, member } = people;
    const client = fixture.connect(member, roomId);
    await client.synced;
    client.doc.transact(() => {
      const code = client.doc.getText(DocKeys.code);
      code.delete(0, code.length);
      code.insert(0, 'a, b = map(int, input().split())\nprint(a + b)\n');
      client.doc.getText(DocKeys.stdin).insert(0, '20 22\n');
    });
    client.send({ type: 'run' });
    await waitFor(() => received(client, 'run-event').some((m) => m.event.type === 'exit'), 50_000, 'the run');
    client.send({ type: 'submit' });
    const judged = () => received(client, 'submission-event').some((m) => m.event.type === 'finished');
    await waitFor(judged, 50_000, 'the submission');
    const room = { id: roomId };
    const runs = await api.call<{ items: unknown[] }>(owner, 'GET /api/rooms/:id/runs', { params: room });
    expect(runs.body.items).toHaveLength(1);
    const listed = await api.call<{ items: { id: string }[] }>(member, 'GET /api/rooms/:id/submissions', {
      params: room,
    });
    submissionId = listed.body.items[0]?.id ?? '';
    // The room may hear the verdict before the submission's record is updated with it.
    const stored = async () => Boolean((await fixture.database.submissions.findById(submissionId))?.finished);
    await waitFor(stored, 10_000, 'the stored verdict');
    await api.call(member, 'GET /api/problems/:slug/submissions', { params: { slug: SLUG } });
    await api.call(member, 'GET /api/users/:id/submissions', { params: { id: 'me' } });
    await api.call(owner, 'GET /api/users/:id/submissions', { params: { id: member.user?.id ?? '' } }, 403);
    const judgedOne = await api.call<{ verdict: string }>(owner, 'GET /api/submissions/:id', {
      params: { id: submissionId },
    });
    expect(judgedOne.body.verdict).toBe('accepted');
  }, 120_000);

  it('room sessions: controls, timer, end, scorecard, downloads, playback', async () => {
    const { owner, member, guest } = people;
    const room = { params: { id: roomId } };
    await api.call(owner, 'PATCH /api/rooms/:id/controls', { ...room, json: { playbackForAll: true } });
    await api.call(owner, 'PATCH /api/rooms/:id/session', { ...room, json: { timer: 'start' } }, 400);
    const timer = { title: 'Renamed', durationMinutes: 45, timer: 'start' };
    await api.call(owner, 'PATCH /api/rooms/:id/session', { ...room, json: timer });
    await api.call(owner, 'POST /api/rooms/:id/end', { ...room, json: { archiveForGuests: true } });
    await api.call(owner, 'POST /api/rooms/:id/reopen', room);
    await api.call(owner, 'GET /api/rooms/:id/scorecard', room);
    const scores = { problemSolving: 4, codeQuality: 3, communication: null, testing: 2 };
    await api.call(owner, 'PUT /api/rooms/:id/scorecard', { ...room, json: { scores, recommendation: 'yes' } });
    await api.call(member, 'PUT /api/rooms/:id/scorecard', { ...room, json: { scores, recommendation: 'no' } }, 403);
    const code = await api.call<string>(guest, 'GET /api/rooms/:id/code', room);
    expect(code.body).toContain('print(a + b)');
    await api.call(guest, 'GET /api/rooms/:id/export', room);
    const timeline = await api.call<PlaybackTimeline>(owner, 'GET /api/rooms/:id/playback', room);
    const last = { ...room, query: { seq: String(timeline.body.lastSeq) } };
    const moment = await api.call<{ notes?: string }>(owner, 'GET /api/rooms/:id/playback/moment', last);
    expect(moment.body.notes).toBe('');
    await api.call(member, 'GET /api/rooms/:id/playback/moment', last);
    await api.call(member, 'GET /api/rooms/:id/playback/moment', { ...room, query: { seq: 'first' } }, 400);
    const guestId = (await participants()).find((p) => p.kind === 'guest')?.id ?? '';
    const removal = { params: { id: roomId, participant: guestId } };
    await api.call(owner, 'DELETE /api/rooms/:id/participants/:participant', removal, 204);
    await api.call(guest, 'GET /api/rooms/:id/code', room, 404);
  });

  it('classes: make, join, open rooms, message and timer', async () => {
    const { owner, member } = people;
    await api.call(owner, 'POST /api/classes', { json: { title: '', problemSlugs: [] } }, 400);
    const made = await api.call<{ id: string }>(
      owner,
      'POST /api/classes',
      { json: { title: 'OpenAPI class', problemSlugs: [SLUG] } },
      201,
    );
    const params = { id: made.body.id };
    const link = await api.call<{ token: string }>(owner, 'POST /api/classes/:id/join-link', { params }, 201);
    await api.call(member, 'POST /api/classes/join', { json: { token: link.body.token } });
    await api.call(member, 'GET /api/classes');
    const problemRoom = { params: { ...params, slug: SLUG } };
    await api.call(member, 'POST /api/classes/:id/problems/:slug/room', problemRoom, 201);
    await api.call(member, 'POST /api/classes/:id/problems/:slug/room', problemRoom, 200);
    await api.call(owner, 'GET /api/classes/:id', { params });
    await api.call(member, 'GET /api/classes/:id', { params });
    await api.call(owner, 'PATCH /api/classes/:id', { params, json: { title: 'Renamed', observersVisible: false } });
    await api.call(owner, 'POST /api/classes/:id/message', { params, json: { text: 'Ten minutes left' } });
    const timer = { durationMinutes: 20, running: true };
    await api.call(owner, 'PATCH /api/classes/:id/timer', { params, json: timer });
    await api.call(member, 'PATCH /api/classes/:id/timer', { params, json: timer }, 403);
  });

  it('integrations: API tokens, runs polled and streamed, a judged submission', async () => {
    const { admin, owner, member } = people;
    const token = async (name: string) => {
      const json = { name, ownerId: owner.user?.id };
      const made = await api.call<ApiTokenCreated>(admin, 'POST /api/admin/api-tokens', { json }, 201);
      return { id: made.body.id, headers: { authorization: `Bearer ${made.body.token}` } };
    };
    const grader = await token('OpenAPI grader');
    await api.call(admin, 'POST /api/admin/api-tokens', { json: { name: 'Bot', ownerId: member.user?.id } }, 400);
    const revoked = await token('Revoked');
    await api.call(admin, 'DELETE /api/admin/api-tokens/:id', { params: { id: revoked.id } });
    await api.call(admin, 'DELETE /api/admin/api-tokens/:id', { params: { id: 'no-such-token' } }, 404);
    await api.call(admin, 'GET /api/admin/api-tokens');
    /** A request with the grader's token and no session. */
    const call = <T>(route: string, request: DocumentedRequest, expected?: number) =>
      api.call<T>(anonymous(), route, { ...request, headers: grader.headers }, expected);
    const sum = (stdin: string) => ({
      json: { language: 'python', code: 'print(sum(map(int, input().split())))', stdin },
    });

    const accepted = await call<ApiJobAccepted>('POST /api/v1/runs', sum('1 2\n'), 202);
    const run = { params: { id: accepted.body.id } };
    await call('GET /api/v1/runs/:id', run);
    const finished = await call<ApiRun>('GET /api/v1/runs/:id', { ...run, query: { wait: 'true' } });
    expect(finished.body).toMatchObject({ status: 'finished', stdout: '3\n' });
    const replayed = await call<RunEvent[]>('GET /api/v1/runs/:id', { ...run, query: { wait: 'stream' } });
    expect(replayed.body).toEqual(finished.body.events);
    const live = await call<RunEvent[]>('POST /api/v1/runs', { ...sum('2 3\n'), query: { wait: 'stream' } }, 202);
    expect(live.body.at(-1)).toMatchObject({ type: 'exit', code: 0 });
    const waited = await api.call<ApiRun>(
      owner,
      'POST /api/v1/runs',
      { ...sum('4 5\n'), query: { wait: 'true' } },
      201,
    );
    expect(waited.body.stdout).toBe('9\n');
    await api.call(member, 'POST /api/v1/runs', sum(''), 403);
    await api.call(anonymous(), 'POST /api/v1/runs', { ...sum(''), headers: revoked.headers }, 401);
    await call('POST /api/v1/runs', { json: { language: 'brainfuck', code: '+' } }, 400);
    await call('POST /api/v1/runs', { body: new TextEncoder().encode('{}'), contentType: 'text/plain' }, 415);
    await call('POST /api/v1/runs', sum('y'.repeat(5 * 1024 * 1024)), 413);
    await call('GET /api/v1/runs/:id', { params: { id: 'no-such-run' } }, 404);

    const code = { language: 'python', code: 'a, b = map(int, input().split())\nprint(a + b)\n' };
    const judged = await call<ApiSubmission>(
      'POST /api/v1/submissions',
      { json: { ...code, problem: SLUG }, query: { wait: 'true' } },
      201,
    );
    expect(judged.body.result?.verdict).toBe('accepted');
    const submission = { params: { id: judged.body.id } };
    await call('GET /api/v1/submissions/:id', submission);
    const events = await call<SubmitEvent[]>('GET /api/v1/submissions/:id', {
      ...submission,
      query: { wait: 'stream' },
    });
    expect(events.body.at(-1)).toMatchObject({ type: 'finished', verdict: 'accepted' });
    await call('POST /api/v1/submissions', { json: { ...code, problem: 'no-such-problem' } }, 404);
    const empty = problemBody({ slug: `${SLUG}-empty` });
    await api.call(people.author, 'POST /api/problems', { json: empty }, 201);
    await call('POST /api/v1/submissions', { json: { ...code, problem: empty.slug } }, 422);
  }, 120_000);

  it('integrations: a caller past its requests a minute is told when to come back', async () => {
    const busy = await api.call<ApiTokenCreated>(
      people.admin,
      'POST /api/admin/api-tokens',
      { json: { name: 'Busy' } },
      201,
    );
    const headers = { authorization: `Bearer ${busy.body.token}` };
    const unknown = { params: { id: 'no-such-run' }, headers };
    let answer = await api.call(anonymous(), 'GET /api/v1/runs/:id', unknown, 404);
    for (let i = 0; answer.headers.get('ratelimit-remaining') !== '0' && i < 200; i++) {
      answer = await api.call(anonymous(), 'GET /api/v1/runs/:id', unknown, 404);
    }
    const refused = await api.call(anonymous(), 'GET /api/v1/runs/:id', unknown, 429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('leaves no documented route unseen', () => {
    expect(api.unanswered(), 'routes no call saw succeed: call them above').toEqual([]);
  });
});

/** The room's participants, as its owner lists them. */
async function participants(): Promise<{ id: string; kind: string }[]> {
  const params = { id: roomId };
  type Listed = { items: { id: string; kind: string }[] };
  return (await api.call<Listed>(people.owner, 'GET /api/rooms/:id/participants', { params })).body.items;
}
