import { CloseCode, DocKeys, type RoomRole } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { createRoom, invite, join, Session, signedIn, waitFor } from './harness.ts';
import { received, useRoomServer } from './roomServerFixture.ts';

// Each participant has a role in the room — host, editor or viewer — that the server
// decides (owner and admins are hosts; an invite gives its role) and enforces on the socket.

const app = useRoomServer();

async function roleIn(session: Session, roomId: string): Promise<RoomRole | null> {
  const res = await session.fetch(`/api/rooms/${roomId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { role: RoomRole | null }).role;
}

const { connect } = app;

async function roomWithViewer() {
  const host = await signedIn(app.server, app.database, 'host', 'Hana');
  const roomId = await createRoom(host);
  const editor = await signedIn(app.server, app.database, 'member', 'Ed');
  expect((await join(editor, roomId, await invite(host, roomId))).status).toBe(200);
  const viewer = new Session(app.server);
  expect((await join(viewer, roomId, await invite(host, roomId, true, 'viewer'), 'Vic')).status).toBe(200);
  return { host, roomId, editor, viewer };
}

describe('room roles', () => {
  it('an invite gives its role (editor when it names none); the owner and admins are hosts', async () => {
    const { host, roomId, editor, viewer } = await roomWithViewer();
    expect(await roleIn(host, roomId)).toBe('host');
    expect(await roleIn(editor, roomId)).toBe('editor');
    expect(await roleIn(viewer, roomId)).toBe('viewer');
    expect(await roleIn(await signedIn(app.server, app.database, 'admin'), roomId)).toBe('host');
    const coHost = await signedIn(app.server, app.database, 'member', 'Cora');
    const res = await host.fetch(`/api/rooms/${roomId}/invites`, { method: 'POST', json: { role: 'host' } });
    expect(res.status).toBe(201);
    const { token, role } = (await res.json()) as { token: string; role: RoomRole };
    expect(role).toBe('host');
    expect((await join(coHost, roomId, token)).status).toBe(200);
    expect(await roleIn(coHost, roomId)).toBe('host');
    // Joining again through a viewer invite does not change a role a host gave.
    expect((await join(editor, roomId, await invite(host, roomId, false, 'viewer'))).status).toBe(200);
    expect(await roleIn(editor, roomId)).toBe('editor');
  });

  it('refuses an invite with an unknown role, naming the field', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host);
    const res = await host.fetch(`/api/rooms/${roomId}/invites`, { method: 'POST', json: { role: 'owner' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('role');
  });

  it("refuses a viewer's edit with a clear message; no one else ever sees it", async () => {
    const { roomId, editor, viewer } = await roomWithViewer();
    const ed = connect(editor, roomId);
    const vic = connect(viewer, roomId);
    await Promise.all([ed.synced, vic.synced]);
    expect(received(vic, 'room-state').map((m) => m.role)).toEqual(['viewer']);
    expect(received(ed, 'room-state').map((m) => m.role)).toEqual(['editor']);
    ed.doc.getText(DocKeys.code).insert(0, 'print("editor")\n');
    await waitFor(() => vic.doc.getText(DocKeys.code).toString().includes('editor'), 5_000, 'edit reaches the viewer');

    vic.doc.getText(DocKeys.code).insert(0, 'sneaky ');
    await waitFor(() => received(vic, 'update-refused').length > 0, 5_000, 'refusal');
    expect(received(vic, 'update-refused')[0]).toMatchObject({
      reason: 'read-only',
      message: expect.stringMatching(/viewer/),
    });
    vic.close();
    const late = connect(await signedIn(app.server, app.database, 'admin'), roomId);
    await late.synced;
    ed.doc.getText(DocKeys.code).insert(0, '# later\n');
    await waitFor(() => late.doc.getText(DocKeys.code).toString().startsWith('# later'), 5_000, 'later edit');
    expect(late.doc.getText(DocKeys.code).toString()).not.toContain('sneaky');
    expect(ed.doc.getText(DocKeys.code).toString()).not.toContain('sneaky');
  });

  it('refuses run, submit, stop and language changes from a viewer', async () => {
    const { roomId, editor, viewer } = await roomWithViewer();
    const ed = connect(editor, roomId);
    const vic = connect(viewer, roomId);
    await Promise.all([ed.synced, vic.synced]);
    vic.send({ type: 'run' });
    vic.send({ type: 'submit' });
    vic.send({ type: 'stop' });
    vic.send({ type: 'set-language', language: 'cpp' });
    await waitFor(() => received(vic, 'refused').length === 4, 5_000, 'four refusals');
    expect(received(vic, 'refused').every((m) => /viewer/.test(m.message))).toBe(true);
    expect(received(ed, 'run-started')).toEqual([]);
    expect(received(ed, 'settings')).toEqual([]);
    expect((await app.database.rooms.find(roomId))?.language).toBe('python');
  });
});

describe('hosts manage the participants', () => {
  type Listed = { id: string; kind: string; name: string; role: RoomRole; removed: boolean };
  async function participants(session: Session, roomId: string): Promise<Listed[]> {
    const res = await session.fetch(`/api/rooms/${roomId}/participants`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Listed[] }).items;
  }

  it('lists them with their roles, to hosts only', async () => {
    const { host, roomId, editor, viewer } = await roomWithViewer();
    expect(
      (await participants(host, roomId)).map(({ kind, name, role, removed }) => ({ kind, name, role, removed })),
    ).toEqual([
      { kind: 'account', name: 'Ed', role: 'editor', removed: false },
      { kind: 'guest', name: 'Vic', role: 'viewer', removed: false },
    ]);
    expect((await editor.fetch(`/api/rooms/${roomId}/participants`)).status).toBe(403);
    expect((await viewer.fetch(`/api/rooms/${roomId}/participants`)).status).toBe(403);
    const stranger = await signedIn(app.server, app.database, 'member');
    expect((await stranger.fetch(`/api/rooms/${roomId}/participants`)).status).toBe(404);
  });

  it('a changed role applies at once: the socket reconnects as a viewer and its edits are refused', async () => {
    const { host, roomId, editor } = await roomWithViewer();
    const ed = connect(editor, roomId);
    await ed.synced;
    const edId = (await participants(host, roomId)).find((p) => p.name === 'Ed')?.id as string;
    const res = await host.fetch(`/api/rooms/${roomId}/participants/${edId}`, {
      method: 'PATCH',
      json: { role: 'viewer' },
    });
    expect(res.status).toBe(204);
    await waitFor(() => received(ed, 'room-state').some((m) => m.role === 'viewer'), 5_000, 'new role on reconnect');
    expect(await roleIn(editor, roomId)).toBe('viewer');
    ed.doc.getText(DocKeys.code).insert(0, 'demoted ');
    await waitFor(() => received(ed, 'update-refused').length > 0, 5_000, 'refusal');
    expect(
      (await host.fetch(`/api/rooms/${roomId}/participants/${edId}`, { method: 'PATCH', json: { role: 'boss' } }))
        .status,
    ).toBe(400);
    expect(
      (await host.fetch(`/api/rooms/${roomId}/participants/u:nobody`, { method: 'PATCH', json: { role: 'viewer' } }))
        .status,
    ).toBe(404);
  });

  it('a removed participant is cut off at once, and the same invite does not let them back in', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host);
    const token = await invite(host, roomId, true);
    const guest = new Session(app.server);
    expect((await join(guest, roomId, token, 'Gil')).status).toBe(200);
    const gil = connect(guest, roomId);
    await gil.synced;
    const closed = new Promise<number>((resolve) =>
      gil.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code)),
    );
    const gilId = (await participants(host, roomId))[0]?.id as string;
    expect((await host.fetch(`/api/rooms/${roomId}/participants/${gilId}`, { method: 'DELETE' })).status).toBe(204);
    expect(await closed).toBe(CloseCode.Removed);
    gil.close();
    expect((await join(guest, roomId, token, 'Gil')).status).toBe(403);
    expect((await guest.fetch(`/api/rooms/${roomId}`)).status).toBe(404);
    expect((await participants(host, roomId))[0]).toMatchObject({ name: 'Gil', removed: true });
  });

  it('a removed member no longer finds the room among theirs', async () => {
    const { host, roomId, editor } = await roomWithViewer();
    const mine = async () =>
      ((await (await editor.fetch('/api/rooms')).json()) as { items: { id: string }[] }).items.map((r) => r.id);
    expect(await mine()).toContain(roomId);
    const edId = (await participants(host, roomId)).find((p) => p.name === 'Ed')?.id as string;
    expect((await host.fetch(`/api/rooms/${roomId}/participants/${edId}`, { method: 'DELETE' })).status).toBe(204);
    expect(await mine()).not.toContain(roomId);
    expect((await join(editor, roomId, await invite(host, roomId))).status).toBe(403);
  });
});

describe('hosts manage the invites', () => {
  type ListedInvite = { id: string; role: RoomRole; allowGuests: boolean; expired: boolean; revoked: boolean };

  it('lists them with role and expiry; revoking one cuts its guests off at once and lets no one else in', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host);
    const made = await host.fetch(`/api/rooms/${roomId}/invites`, {
      method: 'POST',
      json: { allowGuests: true, role: 'viewer', expiresInHours: 2 },
    });
    const { id, token } = (await made.json()) as { id: string; token: string };
    const other = await invite(host, roomId, true);
    const listed = (await (await host.fetch(`/api/rooms/${roomId}/invites`)).json()) as { items: ListedInvite[] };
    expect(listed.items.find((i) => i.id === id)).toMatchObject({ role: 'viewer', allowGuests: true, revoked: false });
    expect(listed.items).toHaveLength(2);

    const guest = new Session(app.server);
    expect((await join(guest, roomId, token, 'Gwen')).status).toBe(200);
    const keeper = new Session(app.server);
    expect((await join(keeper, roomId, other, 'Kim')).status).toBe(200);
    const gwen = connect(guest, roomId);
    const kim = connect(keeper, roomId);
    await Promise.all([gwen.synced, kim.synced]);
    const closed = new Promise<number>((resolve) =>
      gwen.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code)),
    );
    expect((await host.fetch(`/api/rooms/${roomId}/invites/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await closed).toBe(CloseCode.Removed);
    gwen.close();
    expect((await join(new Session(app.server), roomId, token, 'Late')).status).toBe(404);
    // Someone who came in through another invite stays.
    expect(await roleIn(keeper, roomId)).toBe('editor');
    expect((await host.fetch(`/api/rooms/${roomId}/invites/nope`, { method: 'DELETE' })).status).toBe(404);
  });

  it("a guest's access ends when the invite they came in through expires", async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host);
    const guest = new Session(app.server);
    expect((await join(guest, roomId, await invite(host, roomId, true), 'Eve')).status).toBe(200);
    expect(await roleIn(guest, roomId)).toBe('editor');
    await app.database.db
      .collection('rooms')
      .updateOne({ _id: roomId as never }, { $set: { 'invites.0.expiresAt': new Date(Date.now() - 1_000) } });
    expect((await guest.fetch(`/api/rooms/${roomId}`)).status).toBe(404);
  });

  it("a guest's open socket is closed when the invite they came in through expires", async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host);
    const token = await invite(host, roomId, true);
    await app.database.db
      .collection('rooms')
      .updateOne({ _id: roomId as never }, { $set: { 'invites.0.expiresAt': new Date(Date.now() + 2_000) } });
    const guest = new Session(app.server);
    expect((await join(guest, roomId, token, 'Eve')).status).toBe(200);
    const eve = connect(guest, roomId);
    await eve.synced;
    const closed = new Promise<number>((resolve) =>
      eve.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code)),
    );
    expect(await closed).toBe(CloseCode.Forbidden);
  });
});
