import type { PlaybackTimeline } from '@codestream/shared';
import { DocKeys, type ServerMessage } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { loadPlaybackIndex } from '../src/rooms/playback/loadPlaybackIndex.ts';
import type { PlaybackMoment } from '../src/rooms/playback/PlaybackIndex.ts';
import { createRoom, invite, join, type Session, signedIn, waitFor } from './harness.ts';
import { type TestClient as Client, useRoomServer } from './roomServerFixture.ts';

// Playback rebuilds a room's session from its update log: the exact code the clients had
// after each update, who typed what, runs with their output, joins and leaves.

const app = useRoomServer();

const { connect } = app;

async function moment(session: Session, roomId: string, seq: number): Promise<PlaybackMoment & { notes?: string }> {
  const res = await session.fetch(`/api/rooms/${roomId}/playback/moment?seq=${seq}`);
  expect(res.status).toBe(200);
  return (await res.json()) as PlaybackMoment & { notes?: string };
}

async function timeline(session: Session, roomId: string): Promise<PlaybackTimeline> {
  const res = await session.fetch(`/api/rooms/${roomId}/playback`);
  expect(res.status).toBe(200);
  return (await res.json()) as PlaybackTimeline;
}

describe('playback', () => {
  it('rebuilds the exact code both clients had after each update, attributed, with the run and its output', async () => {
    const host = await signedIn(app.server, app.database, 'host', 'Hana');
    const roomId = await createRoom(host);
    const editor = await signedIn(app.server, app.database, 'member', 'Ed');
    expect((await join(editor, roomId, await invite(host, roomId))).status).toBe(200);
    const hana = connect(host, roomId);
    const ed = connect(editor, roomId);
    await Promise.all([hana.synced, ed.synced]);
    const template = hana.doc.getText(DocKeys.code).toString();

    // Each edit is seen by the other client before the next: update k is the k-th edit.
    const seen: string[] = [template];
    const edits: [Client, (text: ReturnType<Client['doc']['getText']>) => void][] = [
      [hana, (text) => text.delete(0, text.length)],
      [hana, (text) => text.insert(0, 'print("one")\n')],
      [ed, (text) => text.insert(text.length, 'print("two")\n')],
      [hana, (text) => text.insert(0, '# Hana\n')],
      [ed, (text) => text.delete(0, 7)],
      [ed, (text) => text.insert(text.length, 'print("three")\n')],
    ];
    for (const [from, change] of edits) {
      change(from.doc.getText(DocKeys.code));
      const expected = from.doc.getText(DocKeys.code).toString();
      const other = from === hana ? ed : hana;
      await waitFor(() => other.doc.getText(DocKeys.code).toString() === expected, 5_000, 'edit seen');
      seen.push(expected);
    }
    await waitFor(async () => (await app.database.roomUpdates.lastSeq(roomId)) === edits.length, 5_000, 'log');

    for (const [seq, text] of seen.entries()) expect((await moment(host, roomId, seq)).code, `seq ${seq}`).toBe(text);
    const fourth = await moment(host, roomId, 4);
    expect(fourth.edit).toEqual({ author: `u:${host.account.id}`, inserted: [[0, 7]], deleted: [] });
    expect(fourth.spans).toEqual([
      { from: 0, to: 20, author: `u:${host.account.id}` },
      { from: 20, to: 33, author: `u:${editor.account.id}` },
    ]);

    ed.send({ type: 'run' });
    const finished = (message: ServerMessage) => message.type === 'run-event' && message.event.type === 'exit';
    await waitFor(() => hana.messages.some(({ message }) => finished(message)), 30_000, 'run finished');
    await waitFor(async () => Boolean((await app.database.runs.findLatest(roomId))?.finishedAt), 5_000, 'run stored');

    const whole = await timeline(host, roomId);
    expect(whole.firstSeq).toBe(0);
    expect(whole.lastSeq).toBe(edits.length);
    expect(whole.authors.map(({ name, kind }) => ({ name, kind }))).toEqual([
      { name: 'Hana', kind: 'account' },
      { name: 'Ed', kind: 'account' },
    ]);
    expect(whole.updates.author).toEqual([0, 0, 1, 0, 1, 1]);
    expect(whole.updates.atDeltas.every((delta) => delta >= 0)).toBe(true);
    expect(whole.runs).toHaveLength(1);
    const output = whole.runs[0]?.events.flatMap((event) => (event.type === 'output' ? [event.data] : [])).join('');
    expect(output).toBe('one\ntwo\nthree\n');
    expect(whole.runs[0]?.startedBy).toBe('Ed');
    expect(whole.runs[0]?.requestedAt).toBeGreaterThanOrEqual(
      whole.startAt + whole.updates.atDeltas.reduce((a, b) => a + b, 0),
    );

    // After everyone left, the room is stored cleanly (its record's doc overwritten): the
    // seed kept as snapshot 0 still starts the history.
    hana.close();
    ed.close();
    await waitFor(async () => !(await app.database.rooms.find(roomId))?.openSince, 10_000, 'clean unload');
    const joins = (await timeline(host, roomId)).presence;
    expect(joins.filter((p) => p.kind === 'join')).toHaveLength(2);
    const record = await app.database.rooms.find(roomId);
    expect(record?.docSeq).toBe(edits.length);
    const rebuilt = await loadPlaybackIndex(app.database, record as NonNullable<typeof record>);
    expect(rebuilt.firstSeq).toBe(0);
    for (const [seq, text] of seen.entries()) expect(rebuilt.moment(seq).code).toBe(text);
  });

  it('is for hosts; for everyone in the room only when the hosts allow it; 404 to anyone else', async () => {
    const host = await signedIn(app.server, app.database, 'host', 'Hana');
    const roomId = await createRoom(host);
    const editor = await signedIn(app.server, app.database, 'member', 'Ed');
    expect((await join(editor, roomId, await invite(host, roomId))).status).toBe(200);
    const stranger = await signedIn(app.server, app.database, 'member', 'Sam');
    const admin = await signedIn(app.server, app.database, 'admin', 'Ada');
    const status = async (session: Session, path = '') =>
      (await session.fetch(`/api/rooms/${roomId}/playback${path}`)).status;

    expect(await status(host)).toBe(200);
    expect(await status(admin)).toBe(200);
    expect(await status(editor)).toBe(404);
    expect(await status(editor, '/moment?seq=0')).toBe(404);
    expect(await status(stranger)).toBe(404);
    expect(await status(host, '/moment?seq=-1')).toBe(400);

    await app.database.db.collection('rooms').updateOne(
      { _id: roomId as never },
      {
        $set: {
          controls: { runPolicy: 'everyone', languageLocked: false, editingLocked: false, playbackForAll: true },
        },
      },
    );
    expect(await status(editor)).toBe(200);
    expect(await status(editor, '/moment?seq=0')).toBe(200);
    expect(await status(stranger)).toBe(404);
  });

  it('shows hosts their notes as they were at each moment, and never shows them to anyone else', async () => {
    const host = await signedIn(app.server, app.database, 'host', 'Hana');
    const roomId = await createRoom(host);
    const editor = await signedIn(app.server, app.database, 'member', 'Ed');
    expect((await join(editor, roomId, await invite(host, roomId))).status).toBe(200);
    const ed = connect(editor, roomId);
    const notes = connect(host, roomId, { doc: 'notes' });
    await Promise.all([ed.synced, notes.synced]);

    const edit = async (text: string, seq: number) => {
      ed.doc.getText(DocKeys.code).insert(0, text);
      await waitFor(
        async () => (await app.database.roomUpdates.lastSeq(roomId)) === seq,
        5_000,
        `update ${seq} logged`,
      );
    };
    const note = async (text: string, seq: number) => {
      notes.doc.getText('notes').insert(0, text);
      const key = `notes:${roomId}`;
      await waitFor(async () => (await app.database.roomUpdates.lastSeq(key)) === seq, 5_000, `note ${seq} logged`);
    };
    await edit('a', 1);
    await note('Strong start. ', 1);
    await edit('b', 2);
    await note('Missed an edge case. ', 2);
    await edit('c', 3);

    expect((await moment(host, roomId, 1)).notes).toBe('');
    expect((await moment(host, roomId, 2)).notes).toBe('Strong start. ');
    expect((await moment(host, roomId, 3)).notes).toBe('Missed an edge case. Strong start. ');

    await app.database.rooms.setControls(roomId, {
      runPolicy: 'everyone',
      languageLocked: false,
      editingLocked: false,
      playbackForAll: true,
    });
    const asEditor = await editor.fetch(`/api/rooms/${roomId}/playback/moment?seq=3`);
    expect(asEditor.status).toBe(200);
    const body = await asEditor.text();
    expect(body).not.toContain('Strong start');
    expect(JSON.parse(body)).not.toHaveProperty('notes');
    expect(await (await editor.fetch(`/api/rooms/${roomId}/playback`)).text()).not.toContain('Strong start');
  });
});
