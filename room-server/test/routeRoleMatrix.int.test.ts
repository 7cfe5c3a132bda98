import { CloseCode, ROOM_SOCKET_PATH } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  createRoom,
  createTestJudge,
  createUser,
  invite,
  join,
  openTestDatabase,
  Session,
  signedIn,
  socketOutcome,
  startTestServer,
} from './harness.ts';
import { addTests, createProblem, problemBody, zipOf } from './problemFixtures.ts';

/**
 * Every REST route and the room socket, against every kind of requester. The owner is a
 * host who owns room R; member and guest were invited into R; `stranger` is another host.
 * The owner also teaches class C, which the member joined as a student (room CR is the
 * member's room on its problem).
 */
const ACTORS = ['anonymous', 'guest', 'member', 'owner', 'stranger', 'author', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

let database: Database;
let server: RoomServer;
const judge = createTestJudge();
const sessions = {} as Record<Actor, Session>;
let roomId = '';
let membersInvite = '';
let submissionId = '';
let classId = '';
let classRoomId = '';
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

interface Route {
  name: string;
  allowed: readonly Actor[];
  request(session: Session, actor: Actor): Promise<Response>;
}

const USERS: readonly Actor[] = ['member', 'owner', 'stranger', 'author', 'admin'];
const AUTHORS: readonly Actor[] = ['author', 'admin'];
/** The integration API with a session: hosts, authors and admins (integrationApi.access.int.test.ts has tokens). */
const API_CALLERS: readonly Actor[] = ['owner', 'stranger', 'author', 'admin'];
const IN_ROOM: readonly Actor[] = ['guest', 'member', 'owner', 'admin'];
const json = (method: string, body: unknown) => ({ method, json: body });

/** A new join link of a class of the owner (class C unless named). */
async function classToken(id = classId): Promise<string> {
  const res = await sessions.owner.fetch(`/api/classes/${id}/join-link`, json('POST', {}));
  if (res.status !== 201) throw new Error(`join link: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Reopens room R as its owner (a no-op when it is open). */
async function reopenRoom(): Promise<void> {
  const res = await sessions.owner.fetch(`/api/rooms/${roomId}/reopen`, json('POST', {}));
  if (res.status !== 200) throw new Error(`reopen: ${res.status}`);
}

const routes: Route[] = [
  { name: 'GET /api/auth/me', allowed: ACTORS, request: (s) => s.fetch('/api/auth/me') },
  { name: 'GET /api/languages', allowed: ACTORS, request: (s) => s.fetch('/api/languages') },
  { name: 'GET /api/users', allowed: ['admin'], request: (s) => s.fetch('/api/users') },
  {
    name: 'PATCH /api/users/:id',
    allowed: ['admin'],
    request: async (s) => {
      const target = await createUser(database, { role: 'member' });
      return s.fetch(`/api/users/${target.id}`, json('PATCH', { role: 'host' }));
    },
  },
  { name: 'GET /api/account', allowed: USERS, request: (s) => s.fetch('/api/account') },
  { name: 'GET /api/account/sessions', allowed: USERS, request: (s) => s.fetch('/api/account/sessions') },
  {
    name: 'POST /api/users/:id/unlock',
    allowed: ['admin'],
    request: async (s) => {
      const target = await createUser(database, { role: 'member' });
      return s.fetch(`/api/users/${target.id}/unlock`, { method: 'POST' });
    },
  },
  {
    name: 'POST /api/users/:id/password-reset',
    allowed: ['admin'],
    request: async (s) => {
      const target = await createUser(database, { role: 'member' });
      return s.fetch(`/api/users/${target.id}/password-reset`, json('POST', {}));
    },
  },
  {
    name: 'POST /api/users/:id/revoke-sessions',
    allowed: ['admin'],
    request: async (s) => {
      const target = await createUser(database, { role: 'member' });
      return s.fetch(`/api/users/${target.id}/revoke-sessions`, { method: 'POST' });
    },
  },
  {
    name: 'POST /api/signup-invites',
    allowed: ['admin'],
    request: (s) => s.fetch('/api/signup-invites', json('POST', {})),
  },
  { name: 'GET /api/rooms', allowed: USERS, request: (s) => s.fetch('/api/rooms') },
  {
    name: 'POST /api/rooms',
    allowed: ['owner', 'stranger', 'admin'],
    request: (s) => s.fetch('/api/rooms', json('POST', { language: 'python' })),
  },
  { name: 'GET /api/rooms/:id', allowed: IN_ROOM, request: (s) => s.fetch(`/api/rooms/${roomId}`) },
  {
    name: 'PATCH /api/rooms/:id (archive)',
    allowed: ['owner'],
    request: async (s) => {
      const res = await s.fetch(`/api/rooms/${roomId}`, json('PATCH', { archived: true }));
      // Room R stays in the default lists for the other checks.
      await sessions.owner.fetch(`/api/rooms/${roomId}`, json('PATCH', { archived: false }));
      return res;
    },
  },
  {
    name: 'DELETE /api/rooms/:id',
    allowed: ['owner', 'admin'],
    request: async (s) => {
      // A room of its own each time (with the member and a guest in it), so every requester deletes one.
      const owner = sessions.owner;
      const room = await createRoom(owner);
      await join(sessions.member, room, await invite(owner, room, false));
      await join(sessions.guest, room, await invite(owner, room, true), 'Guest');
      return s.fetch(`/api/rooms/${room}`, { method: 'DELETE' });
    },
  },
  {
    name: 'POST /api/problems/:slug/practice (published)',
    allowed: USERS,
    request: (s) => s.fetch('/api/problems/matrix-pub/practice', { method: 'POST' }),
  },
  {
    name: 'POST /api/problems/:slug/practice (draft)',
    allowed: AUTHORS,
    request: (s) => s.fetch('/api/problems/matrix-draft/practice', { method: 'POST' }),
  },
  {
    name: 'POST /api/rooms/:id/invites',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/invites`, json('POST', { allowGuests: true })),
  },
  {
    name: 'GET /api/rooms/:id/runs',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/runs`),
  },
  {
    name: 'GET /api/rooms/:id/invites',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/invites`),
  },
  {
    name: 'DELETE /api/rooms/:id/invites/:invite',
    allowed: ['owner', 'admin'],
    request: async (s) => {
      // An invite of its own each time, so every requester revokes one still valid.
      const res = await sessions.owner.fetch(`/api/rooms/${roomId}/invites`, json('POST', { allowGuests: false }));
      const { id } = (await res.json()) as { id: string };
      return s.fetch(`/api/rooms/${roomId}/invites/${id}`, { method: 'DELETE' });
    },
  },
  {
    name: 'GET /api/rooms/:id/participants',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/participants`),
  },
  {
    name: 'GET /api/rooms/:id/playback',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/playback`),
  },
  {
    name: 'GET /api/rooms/:id/playback/moment',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/playback/moment?seq=0`),
  },
  {
    name: 'PATCH /api/rooms/:id/participants/:participant',
    allowed: ['owner', 'admin'],
    request: async (s) => {
      // Someone the room let in, given the role they already have.
      const listed = await (await sessions.owner.fetch(`/api/rooms/${roomId}/participants`)).json();
      const first = (listed as { items: { id: string }[] }).items[0]?.id ?? '';
      return s.fetch(`/api/rooms/${roomId}/participants/${first}`, json('PATCH', { role: 'editor' }));
    },
  },
  {
    name: 'DELETE /api/rooms/:id/participants/:participant',
    allowed: ['owner', 'admin'],
    request: async (s) => {
      // A guest of its own each time, so every requester removes someone still there.
      const guest = new Session(sessions.owner.server);
      await join(guest, roomId, await invite(sessions.owner, roomId, true), 'Matrix Guest');
      const listed = await (await sessions.owner.fetch(`/api/rooms/${roomId}/participants`)).json();
      const last = (listed as { items: { id: string }[] }).items.at(-1)?.id ?? '';
      return s.fetch(`/api/rooms/${roomId}/participants/${last}`, { method: 'DELETE' });
    },
  },
  {
    name: 'PATCH /api/rooms/:id/controls',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/controls`, json('PATCH', { runPolicy: 'everyone' })),
  },
  {
    name: 'PATCH /api/rooms/:id/session',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/session`, json('PATCH', { title: unique('Matrix') })),
  },
  {
    name: 'POST /api/rooms/:id/end',
    allowed: ['owner', 'admin'],
    request: async (s) => {
      const res = await s.fetch(`/api/rooms/${roomId}/end`, json('POST', {}));
      // Room R stays open for the other checks.
      await reopenRoom();
      return res;
    },
  },
  {
    name: 'POST /api/rooms/:id/reopen',
    allowed: ['owner', 'admin'],
    request: async (s) => {
      const ended = await sessions.owner.fetch(`/api/rooms/${roomId}/end`, json('POST', {}));
      if (ended.status !== 200) throw new Error(`end: ${ended.status}`);
      const res = await s.fetch(`/api/rooms/${roomId}/reopen`, json('POST', {}));
      await reopenRoom();
      return res;
    },
  },
  {
    name: 'POST /api/rooms/:id/join (members-only invite)',
    allowed: USERS,
    request: async (s) => {
      // Each joins a fresh room, so the check is the invite, not earlier membership.
      const owner = sessions.owner;
      const room = await createRoom(owner);
      return join(s, room, await invite(owner, room, false));
    },
  },
  {
    name: 'GET /api/rooms/:id/submissions',
    allowed: IN_ROOM,
    request: (s) => s.fetch(`/api/rooms/${roomId}/submissions`),
  },
  {
    name: 'GET /api/rooms/:id/scorecard',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/rooms/${roomId}/scorecard`),
  },
  {
    name: 'PUT /api/rooms/:id/scorecard',
    allowed: ['owner', 'admin'],
    request: (s) =>
      s.fetch(
        `/api/rooms/${roomId}/scorecard`,
        json('PUT', {
          scores: { problemSolving: 3, codeQuality: null, communication: 4, testing: 1 },
          recommendation: 'yes',
        }),
      ),
  },
  { name: 'GET /api/rooms/:id/code', allowed: IN_ROOM, request: (s) => s.fetch(`/api/rooms/${roomId}/code`) },
  { name: 'GET /api/rooms/:id/export', allowed: IN_ROOM, request: (s) => s.fetch(`/api/rooms/${roomId}/export`) },
  {
    name: 'POST /api/classes',
    allowed: ['owner', 'stranger', 'admin'],
    request: (s) => s.fetch('/api/classes', json('POST', { title: unique('Class'), problemSlugs: ['matrix-pub'] })),
  },
  { name: 'GET /api/classes', allowed: USERS, request: (s) => s.fetch('/api/classes') },
  {
    name: 'GET /api/classes/:id',
    allowed: ['member', 'owner', 'admin'],
    request: (s) => s.fetch(`/api/classes/${classId}`),
  },
  {
    name: 'PATCH /api/classes/:id',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/classes/${classId}`, json('PATCH', { title: unique('Class') })),
  },
  {
    name: 'POST /api/classes/:id/join-link',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/classes/${classId}/join-link`, json('POST', {})),
  },
  {
    name: 'POST /api/classes/join',
    allowed: USERS,
    request: async (s) => {
      // A class of its own each time: joining C would make every requester its student.
      const res = await sessions.owner.fetch(
        '/api/classes',
        json('POST', { title: 'Open', problemSlugs: ['matrix-pub'] }),
      );
      const { id } = (await res.json()) as { id: string };
      return s.fetch('/api/classes/join', json('POST', { token: await classToken(id) }));
    },
  },
  {
    name: 'POST /api/classes/:id/problems/:slug/room',
    allowed: ['member'],
    request: (s) => s.fetch(`/api/classes/${classId}/problems/matrix-pub/room`, json('POST', {})),
  },
  {
    name: 'POST /api/classes/:id/message',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/classes/${classId}/message`, json('POST', { text: unique('Note') })),
  },
  {
    name: 'PATCH /api/classes/:id/timer',
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/classes/${classId}/timer`, json('PATCH', { durationMinutes: 20, running: true })),
  },
  {
    name: 'GET /api/problems/:slug/submissions',
    allowed: USERS,
    request: (s) => s.fetch('/api/problems/matrix-pub/submissions'),
  },
  { name: 'GET /api/users/me/submissions', allowed: USERS, request: (s) => s.fetch('/api/users/me/submissions') },
  {
    name: "GET /api/users/:id/submissions (the owner's)",
    allowed: ['owner', 'admin'],
    request: (s) => s.fetch(`/api/users/${sessions.owner.user?.id}/submissions`),
  },
  {
    name: "GET /api/submissions/:id (a member's, in room R)",
    allowed: [...IN_ROOM, 'author'],
    request: (s) => s.fetch(`/api/submissions/${submissionId}`),
  },
  {
    name: 'POST /api/auth/logout-all',
    allowed: USERS,
    request: (s) => s.fetch('/api/auth/logout-all', { method: 'POST' }),
  },
  { name: 'GET /api/problems', allowed: USERS, request: (s) => s.fetch('/api/problems') },
  { name: 'GET /api/problems/:slug (published)', allowed: USERS, request: (s) => s.fetch('/api/problems/matrix-pub') },
  { name: 'GET /api/problems/:slug (draft)', allowed: AUTHORS, request: (s) => s.fetch('/api/problems/matrix-draft') },
  {
    name: 'POST /api/problems',
    allowed: AUTHORS,
    request: (s) => s.fetch('/api/problems', json('POST', problemBody({ slug: unique('new') }))),
  },
  {
    name: 'PUT /api/problems/:slug',
    allowed: AUTHORS,
    request: (s) =>
      s.fetch('/api/problems/matrix-pub', json('PUT', problemBody({ slug: 'matrix-pub', title: unique('Title') }))),
  },
  {
    name: 'DELETE /api/problems/:slug',
    allowed: AUTHORS,
    request: async (s) => {
      const slug = unique('doomed');
      await createProblem(sessions.admin, { slug });
      return s.fetch(`/api/problems/${slug}`, { method: 'DELETE' });
    },
  },
  {
    name: 'GET /api/problems/:slug/tests',
    allowed: AUTHORS,
    request: (s) => s.fetch('/api/problems/matrix-pub/tests'),
  },
  {
    name: 'POST /api/problems/:slug/tests',
    allowed: AUTHORS,
    request: (s) =>
      s.fetch('/api/problems/matrix-pub/tests', json('POST', { kind: 'hidden', input: '1 1\n', output: '2\n' })),
  },
  {
    name: 'POST /api/problems/:slug/tests/bulk',
    allowed: AUTHORS,
    request: (s) =>
      s.fetch(
        '/api/problems/matrix-pub/tests/bulk',
        json('POST', { tests: [{ kind: 'hidden', input: '2 2\n', output: '4\n' }] }),
      ),
  },
  {
    name: 'GET /api/problems/:slug/export',
    allowed: AUTHORS,
    request: (s) => s.fetch('/api/problems/matrix-pub/export'),
  },
  {
    name: 'POST /api/problems/import',
    allowed: AUTHORS,
    request: (s) =>
      s.fetch(`/api/problems/import?slug=${unique('imported')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/zip' },
        body: new Uint8Array(
          zipOf({
            'problem.yaml': 'name: Imported\n',
            'problem_statement/problem.en.md': 'Echo the number.',
            'data/secret/1.in': '1\n',
            'data/secret/1.ans': '1\n',
          }),
        ),
      }),
  },
  {
    name: 'POST /api/render-markdown',
    allowed: AUTHORS,
    request: (s) => s.fetch('/api/render-markdown', json('POST', { markdown: '# hi' })),
  },
  { name: 'GET /api/admin/api-tokens', allowed: ['admin'], request: (s) => s.fetch('/api/admin/api-tokens') },
  {
    name: 'POST /api/admin/api-tokens',
    allowed: ['admin'],
    request: (s) => s.fetch('/api/admin/api-tokens', json('POST', { name: unique('token') })),
  },
  {
    name: 'DELETE /api/admin/api-tokens/:id',
    allowed: ['admin'],
    request: async (s) => {
      const made = await sessions.admin.fetch('/api/admin/api-tokens', json('POST', { name: unique('token') }));
      return s.fetch(`/api/admin/api-tokens/${((await made.json()) as { id: string }).id}`, { method: 'DELETE' });
    },
  },
  ...(['runs', 'submissions'] as const).flatMap((kind): Route[] => {
    const body =
      kind === 'runs'
        ? { language: 'python', code: 'print(10)' }
        : { problem: 'matrix-pub', language: 'python', code: 'print(10)' };
    return [
      {
        name: `POST /api/v1/${kind}`,
        allowed: API_CALLERS,
        request: (s) => s.fetch(`/api/v1/${kind}`, json('POST', body)),
      },
      {
        // Each reads a job it made; those who may not make one read one an admin made.
        name: `GET /api/v1/${kind}/:id`,
        allowed: API_CALLERS,
        request: async (s, actor) => {
          const maker = API_CALLERS.includes(actor) ? s : sessions.admin;
          const made = await maker.fetch(`/api/v1/${kind}`, json('POST', body));
          return s.fetch(`/api/v1/${kind}/${((await made.json()) as { id: string }).id}`);
        },
      },
    ];
  }),
];

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge });
  const [owner, stranger, author, admin, member] = await Promise.all([
    signedIn(server, database, 'host', 'Owner'),
    signedIn(server, database, 'host', 'Stranger'),
    signedIn(server, database, 'author'),
    signedIn(server, database, 'admin'),
    signedIn(server, database, 'member'),
  ]);
  Object.assign(sessions, { owner, stranger, author, admin, member, anonymous: new Session(server) });
  roomId = await createRoom(owner);
  membersInvite = await invite(owner, roomId, false);
  await join(member, roomId, membersInvite);
  const guest = new Session(server);
  await join(guest, roomId, await invite(owner, roomId, true), 'Guest');
  sessions.guest = guest;
  await createProblem(author, { slug: 'matrix-pub', visibility: 'published' });
  await createProblem(author, { slug: 'matrix-draft', visibility: 'draft' });
  await addTests(author, 'matrix-pub', [{ kind: 'hidden', input: '5 5\n', output: '10\n' }]);
  const created = await owner.fetch('/api/classes', json('POST', { title: 'Class C', problemSlugs: ['matrix-pub'] }));
  classId = ((await created.json()) as { id: string }).id;
  await member.fetch('/api/classes/join', json('POST', { token: await classToken() }));
  const opened = await member.fetch(`/api/classes/${classId}/problems/matrix-pub/room`, json('POST', {}));
  classRoomId = ((await opened.json()) as { id: string }).id;
  // A stored submission by the member in room R (as the room would store one).
  submissionId = 'matrix-submission';
  await database.submissions.insert({
    _id: submissionId,
    roomId,
    problemSlug: 'matrix-pub',
    userId: member.account.id,
    submittedBy: member.account.name,
    language: 'python',
    code: 'print(10)',
    requestedAt: new Date(),
    total: 1,
  });
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

describe('route × role matrix', () => {
  const routeCheck = (route: Route) => {
    for (const actor of ACTORS) {
      const allowed = route.allowed.includes(actor);
      it(`${route.name} as ${actor}: ${allowed ? 'allowed' : 'forbidden'}`, async () => {
        const res = await route.request(sessions[actor], actor);
        if (allowed) expect(res.status, await res.text()).toBeLessThan(300);
        else expect([401, 403, 404]).toContain(res.status);
      });
    }
  };
  // logout-all ends the actor's sessions: it runs last, after the socket checks.
  const isLogoutAll = (route: Route) => route.name.includes('logout-all');
  for (const route of routes.filter((r) => !isLogoutAll(r))) routeCheck(route);

  for (const actor of ACTORS) {
    const allowed = IN_ROOM.includes(actor);
    it(`WS ${ROOM_SOCKET_PATH}/:id as ${actor}: ${allowed ? 'allowed' : 'forbidden'}`, async () => {
      expect(await socketOutcome(sessions[actor], roomId)).toBe(allowed ? 'open' : CloseCode.Forbidden);
    });
  }

  for (const actor of ACTORS) {
    const allowed = actor === 'member' || actor === 'owner' || actor === 'admin';
    it(`WS ${ROOM_SOCKET_PATH}/:id of a class room as ${actor}: ${allowed ? 'allowed' : 'forbidden'}`, async () => {
      expect(await socketOutcome(sessions[actor], classRoomId)).toBe(allowed ? 'open' : CloseCode.Forbidden);
    });
  }

  for (const actor of ACTORS) {
    const allowed = actor === 'owner' || actor === 'admin';
    it(`WS ${ROOM_SOCKET_PATH}/:id?doc=notes as ${actor}: ${allowed ? 'allowed' : 'forbidden'}`, async () => {
      const outcome = await socketOutcome(sessions[actor], roomId, server.url, '&doc=notes');
      expect(outcome).toBe(allowed ? 'open' : CloseCode.Forbidden);
    });
  }

  for (const route of routes.filter(isLogoutAll)) routeCheck(route);
});
