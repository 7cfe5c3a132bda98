import { CloseCode, DocKeys, PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { invite, join, Session, signedIn, waitFor } from './harness.ts';
import { addTests, createProblem } from './problemFixtures.ts';
import { received, useRoomServer } from './roomServerFixture.ts';

// Members practise on problems in rooms of their own ("Solve"), invite friends with
// accounts, and keep their rooms in a list they search, archive and delete.

const app = useRoomServer({ roomsPerMember: 3 });
const STARTER = 'a, b = map(int, input().split())\n';

interface Listed {
  id: string;
  title: string;
  problem: { slug: string; title: string } | null;
  owned: boolean;
  archived: boolean;
  online: number;
  lastActivityAt: string;
  lastVerdict: { verdict: string | null; stopped: boolean } | null;
}

let author: Session;

beforeAll(async () => {
  author = await signedIn(app.server, app.database, 'author');
  for (const [slug, title] of [
    ['pairs-sum', 'Pairs Sum'],
    ['lonely-walk', 'Lonely Walk'],
    ['third-one', 'Third One'],
    ['fourth-one', 'Fourth One'],
  ]) {
    await createProblem(author, { slug, title, starterCode: { python: STARTER }, timeLimitMs: 2_000 });
  }
  await addTests(author, 'pairs-sum', [{ kind: 'sample', input: '1 2\n', output: '3\n' }]);
  await createProblem(author, { slug: 'secret-draft', title: 'Secret', visibility: 'draft' });
}, 60_000);

async function solve(session: Session, slug: string) {
  const res = await session.fetch(`/api/problems/${slug}/practice`, { method: 'POST' });
  const body = (await res.json()) as { id: string; title: string; problemSlug: string } & {
    error?: { message: string };
  };
  return { status: res.status, body };
}

async function list(session: Session, query = ''): Promise<Listed[]> {
  const res = await session.fetch(`/api/rooms${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Listed[] }).items;
}

/** A raw room socket of `session`, open once the room answered; `closed` gives its close code and reason. */
async function openSocket(session: Session, roomId: string) {
  const url = `${session.server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
  const ws = new WebSocket(url, { headers: { origin: session.server.url, cookie: session.cookieHeader } });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

describe('practice rooms', () => {
  it('Solve opens the member’s own room on the problem with its starter code, and the same one after', async () => {
    const member = await signedIn(app.server, app.database, 'member', 'Mia');
    const first = await solve(member, 'pairs-sum');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ title: 'Practice: Pairs Sum', problemSlug: 'pairs-sum' });
    const again = await solve(member, 'pairs-sum');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // Someone else solving the same problem gets a room of their own.
    const other = await solve(await signedIn(app.server, app.database, 'member'), 'pairs-sum');
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);

    const client = app.connect(member, first.body.id);
    await client.synced;
    expect(client.doc.getText(DocKeys.code).toString()).toBe(STARTER);
    expect(received(client, 'room-state')[0]?.role).toBe('host');
    client.close();

    expect((await solve(member, 'secret-draft')).status).toBe(404);
    expect((await solve(member, 'no-such-problem')).status).toBe(404);
    // Blank rooms stay the hosts'.
    expect((await member.fetch('/api/rooms', { method: 'POST', json: { language: 'python' } })).status).toBe(403);
  });

  it('a member invites a friend with an account as editor; they edit together; guests are refused', async () => {
    const member = await signedIn(app.server, app.database, 'member', 'Pat');
    const friend = await signedIn(app.server, app.database, 'member', 'Quinn');
    const { body: room } = await solve(member, 'pairs-sum');

    const guestInvite = await member.fetch(`/api/rooms/${room.id}/invites`, {
      method: 'POST',
      json: { allowGuests: true },
    });
    expect(guestInvite.status).toBe(403);
    expect(((await guestInvite.json()) as { error: { message: string } }).error.message).toMatch(/guests need a host/i);
    const hostInvite = await member.fetch(`/api/rooms/${room.id}/invites`, { method: 'POST', json: { role: 'host' } });
    expect(hostInvite.status).toBe(403);

    const token = await invite(member, room.id, false, 'editor');
    const guest = new Session(app.server);
    const guestJoin = await join(guest, room.id, token, 'Gus');
    expect(guestJoin.status).toBe(401);
    expect((await guest.fetch(`/api/rooms/${room.id}`)).status).toBe(404);
    expect((await join(friend, room.id, token)).status).toBe(200);

    const mine = app.connect(member, room.id);
    const theirs = app.connect(friend, room.id);
    await Promise.all([mine.synced, theirs.synced]);
    expect(received(theirs, 'room-state')[0]?.role).toBe('editor');
    theirs.doc.getText(DocKeys.code).insert(0, '# from Quinn\n');
    mine.doc.getText(DocKeys.code).insert(mine.doc.getText(DocKeys.code).length, 'print(a + b)\n');
    for (const client of [mine, theirs]) {
      await waitFor(
        () => {
          const code = client.doc.getText(DocKeys.code).toString();
          return code.includes('# from Quinn') && code.includes('print(a + b)');
        },
        5_000,
        'both edits on both sides',
      );
    }

    const listed = (await list(member)).find((item) => item.id === room.id);
    expect(listed).toMatchObject({ online: 2, owned: true, problem: { slug: 'pairs-sum', title: 'Pairs Sum' } });
    const shared = await list(friend, '?filter=shared');
    expect(shared.map((item) => item.id)).toEqual([room.id]);
    expect(shared[0]?.owned).toBe(false);
    mine.close();
    theirs.close();
    await waitFor(async () => (await list(member)).find((item) => item.id === room.id)?.online === 0, 10_000, 'empty');
  });

  it('a host keeps guest invites in their own practice room', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const { status, body } = await solve(host, 'lonely-walk');
    expect(status).toBe(201);
    const res = await host.fetch(`/api/rooms/${body.id}/invites`, { method: 'POST', json: { allowGuests: true } });
    expect(res.status).toBe(201);
  });

  it('refuses a room past the per-member limit until one is archived or deleted', async () => {
    const member = await signedIn(app.server, app.database, 'member');
    const rooms = [];
    for (const slug of ['pairs-sum', 'lonely-walk', 'third-one']) rooms.push((await solve(member, slug)).body.id);
    const refused = await solve(member, 'fourth-one');
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toMatch(/delete or archive/i);
    // Reopening a room one has is never refused.
    expect((await solve(member, 'pairs-sum')).status).toBe(200);

    const archived = await member.fetch(`/api/rooms/${rooms[0]}`, { method: 'PATCH', json: { archived: true } });
    expect(archived.status).toBe(200);
    const fourth = await solve(member, 'fourth-one');
    expect(fourth.status).toBe(201);
    expect((await solve(member, 'pairs-sum')).status).toBe(200);
    expect((await member.fetch(`/api/rooms/${rooms[1]}`, { method: 'DELETE' })).status).toBe(204);
    expect((await solve(member, 'lonely-walk')).status).toBe(201);
    expect((await solve(member, 'secret-draft')).status).toBe(404);
  });

  it('lists rooms with their last verdict; searches, filters, archives', async () => {
    const member = await signedIn(app.server, app.database, 'member', 'Val');
    const { body: room } = await solve(member, 'pairs-sum');
    const { body: other } = await solve(member, 'lonely-walk');
    const before = (await list(member)).find((item) => item.id === room.id);
    expect(before?.lastVerdict).toBeNull();

    const client = app.connect(member, room.id);
    await client.synced;
    const code = client.doc.getText(DocKeys.code);
    code.insert(code.length, 'print(a + b)\n');
    client.send({ type: 'submit' });
    await waitFor(
      () =>
        received(client, 'submission-event').some((m) => m.event.type === 'finished' && m.event.verdict === 'accepted'),
      60_000,
      'accepted',
    );
    client.close();
    // The verdict goes to the room as it is found, and into the record just after.
    let after: Listed | undefined;
    await waitFor(
      async () => {
        after = (await list(member)).find((item) => item.id === room.id);
        return after?.lastVerdict?.verdict !== null;
      },
      5_000,
      'the stored verdict',
    );
    expect(after?.lastVerdict).toEqual({ verdict: 'accepted', stopped: false });
    expect(Date.parse(after?.lastActivityAt ?? '')).toBeGreaterThan(Date.parse(before?.lastActivityAt ?? ''));
    // Most recently active first.
    expect((await list(member)).map((item) => item.id)).toEqual([room.id, other.id]);

    expect((await list(member, '?q=lonely')).map((item) => item.id)).toEqual([other.id]);
    expect((await list(member, '?q=PAIRS')).map((item) => item.id)).toEqual([room.id]);
    expect((await list(member, '?problem=lonely-walk')).map((item) => item.id)).toEqual([other.id]);
    expect(await list(member, '?filter=shared')).toEqual([]);
    expect((await member.fetch('/api/rooms?filter=everything')).status).toBe(400);

    expect((await member.fetch(`/api/rooms/${other.id}`, { method: 'PATCH', json: { archived: true } })).status).toBe(
      200,
    );
    expect((await list(member)).map((item) => item.id)).toEqual([room.id]);
    const archived = await list(member, '?filter=archived');
    expect(archived.map((item) => [item.id, item.archived])).toEqual([[other.id, true]]);
    // Archived rooms still open.
    expect((await member.fetch(`/api/rooms/${other.id}`)).status).toBe(200);
    expect(await openSocket(member, other.id).then(({ ws }) => ws.close())).toBeUndefined();
    expect((await member.fetch(`/api/rooms/${other.id}`, { method: 'PATCH', json: { archived: false } })).status).toBe(
      200,
    );
    expect((await list(member, '?filter=mine')).map((item) => item.id).sort()).toEqual([room.id, other.id].sort());
  }, 90_000);

  it('deleting a room closes its sockets with a reason and removes it and its history, not submissions', async () => {
    const member = await signedIn(app.server, app.database, 'member', 'Del');
    const friend = await signedIn(app.server, app.database, 'member', 'Fay');
    const { body: room } = await solve(member, 'third-one');
    expect((await join(friend, room.id, await invite(member, room.id))).status).toBe(200);
    const editing = app.connect(member, room.id);
    await editing.synced;
    editing.doc.getText(DocKeys.code).insert(0, '# to be deleted\n');
    editing.send({ type: 'chat', text: 'said before the delete' });
    await waitFor(async () => (await app.database.roomChat.recent(room.id, 1)).length === 1, 5_000, 'chat stored');
    await waitFor(
      async () => (await app.database.roomUpdates.lastSeq(room.id)) > 0,
      5_000,
      'the edit stored in the log',
    );
    editing.close();
    await app.database.submissions.insert({
      _id: `kept-${room.id}`,
      roomId: room.id,
      problemSlug: 'third-one',
      userId: member.account.id,
      submittedBy: member.account.name,
      language: 'python',
      code: 'print(1)',
      requestedAt: new Date(),
      total: 1,
    });

    const ownerSocket = await openSocket(member, room.id);
    const friendSocket = await openSocket(friend, room.id);
    // Neither the friend (editor) nor a stranger may delete or archive it.
    expect((await friend.fetch(`/api/rooms/${room.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await friend.fetch(`/api/rooms/${room.id}`, { method: 'PATCH', json: { archived: true } })).status).toBe(
      403,
    );
    const stranger = await signedIn(app.server, app.database, 'member');
    expect((await stranger.fetch(`/api/rooms/${room.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await stranger.fetch(`/api/rooms/${room.id}`, { method: 'PATCH', json: { archived: true } })).status).toBe(
      404,
    );

    expect((await member.fetch(`/api/rooms/${room.id}`, { method: 'DELETE' })).status).toBe(204);
    for (const { closed } of [ownerSocket, friendSocket]) {
      expect(await closed).toEqual({ code: CloseCode.RoomDeleted, reason: 'room deleted' });
    }
    expect(await app.database.rooms.findMeta(room.id)).toBeNull();
    expect(await app.database.roomUpdates.lastSeq(room.id)).toBe(0);
    expect(await app.database.roomSnapshots.latest(room.id)).toBeNull();
    expect(await app.database.roomEvents.list(room.id)).toEqual([]);
    expect(await app.database.roomChat.recent(room.id, 1)).toEqual([]);
    expect(await app.database.submissions.findById(`kept-${room.id}`)).not.toBeNull();
    expect((await member.fetch(`/api/rooms/${room.id}`)).status).toBe(404);
    expect((await list(friend)).map((item) => item.id)).not.toContain(room.id);
    // Solving again makes a new room.
    const again = await solve(member, 'third-one');
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(room.id);
  });

  it('an admin may delete anyone’s room; an admin cannot archive a room they do not own', async () => {
    const member = await signedIn(app.server, app.database, 'member');
    const admin = await signedIn(app.server, app.database, 'admin');
    const { body: room } = await solve(member, 'fourth-one');
    expect((await admin.fetch(`/api/rooms/${room.id}`, { method: 'PATCH', json: { archived: true } })).status).toBe(
      403,
    );
    expect((await admin.fetch(`/api/rooms/${room.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await member.fetch(`/api/rooms/${room.id}`)).status).toBe(404);
  });
});
