import { DocKeys } from '@codestream/shared';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { RoomServer } from '../src/createRoomServer.ts';
import { NOTES_TEXT, notesLogKey } from '../src/rooms/NotesDoc.ts';
import { type ClusterClient, storedNotes, useCluster } from './clusterFixture.ts';
import { createRoom, invite, join, recordRoomSocket, Session, signedIn, waitFor } from './harness.ts';

// A room's private notes across room-servers: hosts on different servers write one notes
// doc and see each other's cursors in it, one server stores the notes log (every update
// once, numbered 1..N), a host arriving on a third server gets them all, the lease passes
// on when the storing server's hosts leave, and no candidate's socket on any server ever
// receives a notes frame.

const cluster = useCluster({ servers: 3 });
const sockets: WebSocket[] = [];
afterAll(() => {
  for (const socket of sockets) socket.terminate();
});

const NOTES = { doc: 'notes' };
const notesText = (client: ClusterClient) => client.doc.getText(NOTES_TEXT).toString();

/** The owner and a co-host (both hosts) and a guest candidate, made on server a. */
async function interviewRoom() {
  const [a] = cluster.servers;
  if (!a) throw new Error('server a');
  const host = await signedIn(a, cluster.database, 'host', 'Hana');
  const roomId = await createRoom(host);
  const coHost = await signedIn(a, cluster.database, 'member', 'Cora');
  expect((await join(coHost, roomId, await invite(host, roomId, false, 'host'))).status).toBe(200);
  const candidate = new Session(a);
  expect((await join(candidate, roomId, await invite(host, roomId, true), 'Cand')).status).toBe(200);
  return { host, coHost, candidate, roomId };
}

/** A room socket of `session` on `server` that asks for the whole doc and keeps every frame it receives. */
function recordRoomFrames(server: RoomServer, session: Session, roomId: string): Buffer[] {
  const { frames, socket } = recordRoomSocket(session.on(server), roomId);
  sockets.push(socket);
  return frames;
}

const holdersOf = (roomId: string) =>
  cluster.servers.filter((server) => server.cluster?.isStorageHolder(notesLogKey(roomId)));

describe('private notes across room-servers', () => {
  it('hosts on two servers write one notes doc, see each other’s cursors; a candidate on either server gets no notes frame', async () => {
    const [a, b, c] = cluster.servers;
    if (!a || !b || !c) throw new Error('three servers');
    const { host, coHost, candidate, roomId } = await interviewRoom();
    const framesOnA = recordRoomFrames(a, candidate, roomId);
    const framesOnB = recordRoomFrames(b, candidate, roomId);
    const candidateRoom = cluster.connect(b, candidate, roomId);
    const hostRoom = cluster.connect(a, host, roomId);
    await Promise.all([candidateRoom.synced, hostRoom.synced]);

    const hana = cluster.connect(a, host, roomId, NOTES);
    const cora = cluster.connect(b, coHost, roomId, NOTES);
    await Promise.all([hana.synced, cora.synced]);
    const hanaText = hana.doc.getText(NOTES_TEXT);
    const coraText = cora.doc.getText(NOTES_TEXT);
    for (let i = 0; i < 15; i++) {
      hanaText.insert(0, `NOTE-MARK-h${i};`);
      coraText.insert(coraText.length, `NOTE-MARK-c${i};`);
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(
      () => notesText(hana) === notesText(cora) && notesText(hana).includes('h14;') && notesText(hana).includes('c14;'),
      10_000,
      'notes converged across servers',
    );

    cora.provider.awareness.setLocalStateField('user', { name: 'Mallory' });
    await waitFor(
      () => hana.provider.awareness.getStates().get(cora.doc.clientID)?.user !== undefined,
      10_000,
      'Cora’s notes cursor at Hana',
    );
    // Stamped by Cora's own server, not what her client claimed.
    expect(hana.provider.awareness.getStates().get(cora.doc.clientID)?.user).toMatchObject({
      name: 'Cora',
      id: `u:${coHost.user?.id}`,
      role: 'host',
    });
    hana.provider.awareness.setLocalStateField('user', { name: 'Hana' });
    await waitFor(
      () => cora.provider.awareness.getStates().has(hana.doc.clientID),
      10_000,
      'Hana’s notes cursor at Cora',
    );

    // A host arriving later on a third server gets every note and the cursors already there.
    const hanaOnC = cluster.connect(c, host, roomId, NOTES);
    await hanaOnC.synced;
    await waitFor(() => notesText(hanaOnC) === notesText(hana), 10_000, 'the whole notes at a third server');
    await waitFor(
      () => hanaOnC.provider.awareness.getStates().has(cora.doc.clientID),
      10_000,
      'cursors at the third server',
    );
    hanaOnC.doc.getText(NOTES_TEXT).insert(0, 'NOTE-MARK-from-c;');
    await waitFor(
      () => notesText(hana).startsWith('NOTE-MARK-from-c;') && notesText(cora).startsWith('NOTE-MARK-from-c;'),
      10_000,
      'the third server’s note everywhere',
    );

    // Room traffic reaches both recorders meanwhile (so they record what they should).
    hostRoom.doc.getText(DocKeys.code).insert(0, '# ROOM-MARK from the host\n');
    await waitFor(
      () => [framesOnA, framesOnB].every((frames) => frames.some((frame) => frame.includes('ROOM-MARK'))),
      10_000,
      'the host’s edit at both candidate sockets',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const frames of [framesOnA, framesOnB]) {
      expect(frames.length).toBeGreaterThan(2);
      for (const frame of frames) expect(frame.includes('NOTE-MARK'), 'a candidate frame holds notes').toBe(false);
    }
    // Notes cursors stay in the notes: the room's code doc knows none of the notes clients.
    for (const notes of [hana, cora, hanaOnC]) {
      expect(candidateRoom.provider.awareness.getStates().has(notes.doc.clientID)).toBe(false);
    }
    expect(hostRoom.doc.getText(DocKeys.code).toString()).not.toContain('NOTE-MARK');
    expect(candidateRoom.doc.getText(NOTES_TEXT).toString()).toBe('');
  });

  it('stores every notes update once, numbered 1..N, by one server; its hosts leave and another takes the lease', async () => {
    const [a, b] = cluster.servers;
    if (!a || !b) throw new Error('two servers');
    const { host, coHost, roomId } = await interviewRoom();
    const hana = cluster.connect(a, host, roomId, NOTES);
    await hana.synced;
    await waitFor(() => a.cluster?.isStorageHolder(notesLogKey(roomId)) ?? false, 10_000, 'a stores the notes');
    const cora = cluster.connect(b, coHost, roomId, NOTES);
    await cora.synced;
    const hanaText = hana.doc.getText(NOTES_TEXT);
    const coraText = cora.doc.getText(NOTES_TEXT);
    for (let i = 0; i < 20; i++) {
      hanaText.insert(hanaText.length, `h${i}\n`);
      coraText.insert(0, `c${i}\n`);
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(
      () => notesText(hana) === notesText(cora) && notesText(hana).includes('c19') && notesText(hana).includes('h19'),
      10_000,
      'convergence',
    );
    expect(holdersOf(roomId)).toEqual([a]);
    const expected = notesText(hana);
    await waitFor(
      async () => (await storedNotes(cluster.database, roomId)) === expected,
      10_000,
      'the notes log holds the notes',
    );
    const updates = await cluster.database.roomUpdates.after(notesLogKey(roomId), 0);
    // 40 keystrokes from both servers: each once, numbered without gaps, fenced.
    expect(updates.map((entry) => entry.seq)).toEqual(updates.map((_, i) => i + 1));
    expect(updates).toHaveLength(40);
    expect(new Set(updates.map((entry) => entry.source)).size).toBe(40);
    expect(updates.every((entry) => typeof entry.epoch === 'number')).toBe(true);
    const authors = new Set(updates.map((entry) => ('userId' in entry.author ? entry.author.userId : '')));
    expect(authors).toEqual(new Set([host.user?.id, coHost.user?.id]));
    // The room's own log holds none of it.
    const roomUpdates = await cluster.database.roomUpdates.after(roomId, 0);
    expect(roomUpdates.some((entry) => new TextDecoder().decode(entry.update).includes('h19'))).toBe(false);

    // The storing server's host leaves: it stores and gives the lease up; b takes it and stores on.
    hana.close();
    await waitFor(() => b.cluster?.isStorageHolder(notesLogKey(roomId)) ?? false, 10_000, 'b takes the notes lease');
    expect(a.cluster?.isStorageHolder(notesLogKey(roomId))).toBe(false);
    coraText.insert(coraText.length, 'after;');
    await waitFor(
      async () => (await storedNotes(cluster.database, roomId)) === notesText(cora),
      10_000,
      'an edit after the handover',
    );
    const after = await cluster.database.roomUpdates.after(notesLogKey(roomId), 0);
    expect(after.map((entry) => entry.seq)).toEqual(after.map((_, i) => i + 1));
    expect(after).toHaveLength(41);
    const epochs = after.map((entry) => entry.epoch ?? 0);
    expect(epochs).toEqual([...epochs].sort((x, y) => x - y));
    expect(epochs.at(-1)).toBeGreaterThan(epochs[0] ?? 0);
  });
});
