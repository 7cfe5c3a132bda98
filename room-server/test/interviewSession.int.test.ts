import { CloseCode, DocKeys, PARTICIPANT_COLORS } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { createRoom, invite, join, Session, signedIn, socketOutcome, waitFor } from './harness.ts';
import { type TestClient as Client, received, useRoomServer } from './roomServerFixture.ts';

// Hosts' controls (run policy, language and edit locks), the interview's end and its
// timer, decided over HTTP and enforced on every socket of the real server.

const app = useRoomServer();

const { connect } = app;

/** Resolves with the code of the next close of the client's socket. */
function nextClose(client: Client): Promise<number> {
  return new Promise((resolve) =>
    client.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code), { once: true }),
  );
}

async function interview() {
  const host = await signedIn(app.server, app.database, 'host', 'Hana');
  const roomId = await createRoom(host);
  const member = await signedIn(app.server, app.database, 'member', 'Ed');
  expect((await join(member, roomId, await invite(host, roomId))).status).toBe(200);
  const guest = new Session(app.server);
  expect((await join(guest, roomId, await invite(host, roomId, true), 'Gus')).status).toBe(200);
  const [hana, ed, gus] = [connect(host, roomId), connect(member, roomId), connect(guest, roomId)];
  await Promise.all([hana.synced, ed.synced, gus.synced]);
  return { host, roomId, member, guest, hana, ed, gus };
}

const patch = (session: Session, path: string, json: unknown) => session.fetch(path, { method: 'PATCH', json });
const post = (session: Session, path: string, json: unknown = {}) => session.fetch(path, { method: 'POST', json });

describe('host controls', () => {
  it('keeps the language and jobs to hosts when they say so, and tells everyone', async () => {
    const { host, roomId, member, hana, ed } = await interview();
    const res = await patch(host, `/api/rooms/${roomId}/controls`, { languageLocked: true, runPolicy: 'hosts' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ languageLocked: true, runPolicy: 'hosts', editingLocked: false });
    await waitFor(() => received(ed, 'settings').length > 0, 5_000, 'settings reach the editor');
    expect(received(ed, 'settings').at(-1)?.settings.controls).toMatchObject({ languageLocked: true });

    ed.send({ type: 'set-language', language: 'go' });
    ed.send({ type: 'run' });
    await waitFor(() => received(ed, 'refused').length === 2, 5_000, 'refusals');
    expect(received(ed, 'refused').map((m) => m.message)).toEqual([
      expect.stringMatching(/locked the language/),
      expect.stringMatching(/Only hosts can run/),
    ]);
    hana.send({ type: 'set-language', language: 'go' });
    await waitFor(() => received(ed, 'settings').at(-1)?.settings.language === 'go', 5_000, 'host changes it');

    // Only hosts may change the controls; strangers cannot even tell the room exists.
    expect((await patch(member, `/api/rooms/${roomId}/controls`, { runPolicy: 'everyone' })).status).toBe(403);
    const stranger = await signedIn(app.server, app.database, 'member');
    expect((await patch(stranger, `/api/rooms/${roomId}/controls`, { runPolicy: 'everyone' })).status).toBe(404);
    expect((await patch(host, `/api/rooms/${roomId}/controls`, { runPolicy: 'anyone' })).status).toBe(400);
  });

  it('an edit lock makes editors viewers at once, and lifting it gives their role back', async () => {
    const { host, roomId, ed, hana } = await interview();
    const closed = nextClose(ed);
    expect((await patch(host, `/api/rooms/${roomId}/controls`, { editingLocked: true })).status).toBe(200);
    expect(await closed).toBe(CloseCode.RoleChanged);
    await waitFor(() => received(ed, 'room-state').at(-1)?.role === 'viewer', 5_000, 'editor reconnects as viewer');

    ed.doc.getText(DocKeys.code).insert(0, 'locked out ');
    await waitFor(() => received(ed, 'update-refused').length > 0, 5_000, 'refusal');
    hana.doc.getText(DocKeys.code).insert(0, '# host still edits\n');
    const check = connect(host, roomId);
    await check.synced;
    await waitFor(() => check.doc.getText(DocKeys.code).toString().includes('host still edits'), 5_000, 'host edit');
    expect(check.doc.getText(DocKeys.code).toString()).not.toContain('locked out');

    expect((await patch(host, `/api/rooms/${roomId}/controls`, { editingLocked: false })).status).toBe(200);
    await waitFor(() => received(ed, 'room-state').at(-1)?.role === 'editor', 5_000, 'editor again');
  });
});

describe('the end of an interview', () => {
  it('ends: guests are cut off, members watch, nobody edits; reopening gives it back', async () => {
    const { host, roomId, member, guest, hana, ed, gus } = await interview();
    const guestClosed = nextClose(gus);
    const memberClosed = nextClose(ed);
    const res = await post(host, `/api/rooms/${roomId}/end`);
    expect(res.status).toBe(200);
    expect((await res.json()).endedAt).toEqual(expect.any(Number));
    expect(await guestClosed).toBe(CloseCode.Ended);
    expect(await memberClosed).toBe(CloseCode.RoleChanged);
    await waitFor(() => received(ed, 'room-state').at(-1)?.role === 'viewer', 5_000, 'member reconnects as viewer');

    // The guest: told it ended, no way back in through the invite.
    const ended = await guest.fetch(`/api/rooms/${roomId}`);
    expect(ended.status).toBe(410);
    expect(JSON.stringify(await ended.json())).toContain('This interview has ended.');
    expect(await socketOutcome(guest, roomId)).toBe(CloseCode.Ended);
    const list = (await (await member.fetch('/api/rooms')).json()) as { items: { id: string; ended: boolean }[] };
    expect(list.items.find((room) => room.id === roomId)?.ended).toBe(true);

    // Hosts too: the archive is read-only until reopened.
    hana.doc.getText(DocKeys.code).insert(0, 'after the end ');
    await waitFor(() => received(hana, 'update-refused').length > 0, 5_000, "host's edit refused");
    expect(received(hana, 'update-refused')[0]?.message).toMatch(/ended/);
    hana.close();

    expect((await post(host, `/api/rooms/${roomId}/reopen`)).status).toBe(200);
    await waitFor(() => received(ed, 'room-state').at(-1)?.role === 'editor', 5_000, 'member edits again');
    ed.doc.getText(DocKeys.code).insert(0, '# reopened\n');
    const check = connect(host, roomId);
    await check.synced;
    await waitFor(() => check.doc.getText(DocKeys.code).toString().includes('# reopened'), 5_000, 'edit after reopen');
    expect(check.doc.getText(DocKeys.code).toString()).not.toContain('after the end');
  });

  it('stops the run that was going: an archive has nothing running', async () => {
    const { host, roomId, hana, ed } = await interview();
    const code = hana.doc.getText(DocKeys.code);
    code.delete(0, code.length);
    code.insert(0, 'import time\ntime.sleep(30)\n');
    await waitFor(() => ed.doc.getText(DocKeys.code).toString().startsWith('import time'), 5_000, 'the code');
    hana.send({ type: 'run' });
    await waitFor(() => received(hana, 'run-started').length > 0, 5_000, 'the run');
    expect((await post(host, `/api/rooms/${roomId}/end`)).status).toBe(200);
    // Stopped at once, well before the run's 5 s time limit.
    const exit = () => received(hana, 'run-event').find((m) => m.event.type === 'exit')?.event;
    await waitFor(() => exit() !== undefined, 3_000, 'the run to end');
    expect(exit()).toMatchObject({ outcome: 'stopped' });
  });

  it('leaves guests a read-only view of the archive when the host says so', async () => {
    const { host, roomId, guest, gus } = await interview();
    const closed = nextClose(gus);
    expect((await post(host, `/api/rooms/${roomId}/end`, { archiveForGuests: true })).status).toBe(200);
    expect(await closed).toBe(CloseCode.RoleChanged);
    await waitFor(() => received(gus, 'room-state').at(-1)?.role === 'viewer', 5_000, 'guest watches');
    expect((await (await guest.fetch(`/api/rooms/${roomId}`)).json()).role).toBe('viewer');
  });

  it('ends by itself when its timer runs out, with everyone connected', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host);
    const guest = new Session(app.server);
    expect((await join(guest, roomId, await invite(host, roomId, true), 'Tia')).status).toBe(200);
    // A one-minute interview started 58.5 s ago, stored before the room is loaded.
    await app.database.rooms.setSession(roomId, {
      title: 'Timed',
      durationMinutes: 1,
      timerStartedAt: Date.now() - 58_500,
      autoEnd: true,
      endedAt: null,
      archiveForGuests: false,
    });
    const tia = connect(guest, roomId);
    await tia.synced;
    const closed = nextClose(tia);
    expect(await closed).toBe(CloseCode.Ended);
    expect((await (await host.fetch(`/api/rooms/${roomId}`)).json()).ended).toBe(true);
  });

  it('validates the session: a timer needs a length, titles have a limit', async () => {
    const host = await signedIn(app.server, app.database, 'host');
    const roomId = await createRoom(host);
    expect((await patch(host, `/api/rooms/${roomId}/session`, { timer: 'start' })).status).toBe(400);
    expect((await patch(host, `/api/rooms/${roomId}/session`, { title: 'x'.repeat(121) })).status).toBe(400);
    expect((await patch(host, `/api/rooms/${roomId}/session`, { durationMinutes: 0 })).status).toBe(400);
    const res = await patch(host, `/api/rooms/${roomId}/session`, {
      title: ' Onsite, round 2 ',
      durationMinutes: 45,
      timer: 'start',
    });
    expect(res.status).toBe(200);
    const session = await res.json();
    expect(session).toMatchObject({ title: 'Onsite, round 2', durationMinutes: 45, autoEnd: false, endedAt: null });
    expect(Math.abs(session.timerStartedAt - Date.now())).toBeLessThan(10_000);
    expect((await (await host.fetch(`/api/rooms/${roomId}`)).json()).title).toBe('Onsite, round 2');
  });
});

describe('changes stored field by field', () => {
  it('keeps both of two hosts changing different controls at once; a title alone ends nothing', async () => {
    const { host, roomId, guest } = await interview();
    const [locked, hostsRun] = await Promise.all([
      patch(host, `/api/rooms/${roomId}/controls`, { languageLocked: true }),
      patch(host, `/api/rooms/${roomId}/controls`, { runPolicy: 'hosts' }),
    ]);
    expect([locked.status, hostsRun.status]).toEqual([200, 200]);
    const stored = await app.database.rooms.findMeta(roomId);
    expect(stored?.controls).toMatchObject({ languageLocked: true, runPolicy: 'hosts' });

    expect((await patch(host, `/api/rooms/${roomId}/session`, { title: 'Only a title' })).status).toBe(200);
    const asGuest = await guest.fetch(`/api/rooms/${roomId}`);
    expect(asGuest.status).toBe(200);
    expect(await asGuest.json()).toMatchObject({ title: 'Only a title', ended: false, role: 'editor' });
  });
});

describe('cursors carry the identity the server knows', () => {
  it('a claimed name and colour never reach the others; two tabs of one person are one person', async () => {
    const { roomId, member, hana, ed } = await interview();
    ed.provider.awareness.setLocalStateField('user', { name: 'Hana (host)', color: '#000000' });
    const second = connect(member, roomId);
    await second.synced;
    second.provider.awareness.setLocalStateField('user', { name: 'Someone else', color: '#000000' });
    const states = () => hana.provider.awareness.getStates();
    await waitFor(
      () => states().has(ed.doc.clientID) && states().has(second.doc.clientID),
      5_000,
      'both tabs reach the host',
    );
    const first = states().get(ed.doc.clientID)?.user;
    const other = states().get(second.doc.clientID)?.user;
    expect(first).toMatchObject({ name: 'Ed', id: `u:${member.user?.id}`, role: 'editor' });
    expect(PARTICIPANT_COLORS).toContain(first?.color);
    expect(other).toEqual(first);
  });
});
