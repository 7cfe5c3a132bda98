import { CloseCode, DocKeys, type Scorecard } from '@codestream/shared';
import { afterAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { readZip } from '../src/problems/zipFiles.ts';
import { createRoom, invite, join, recordRoomSocket, Session, signedIn, socketOutcome, waitFor } from './harness.ts';
import { type TestClient as Client, useRoomServer } from './roomServerFixture.ts';

// Hosts' private notes and scorecard never reach a socket or a route anyone else can use.

const app = useRoomServer();
const sockets: WebSocket[] = [];
afterAll(() => {
  for (const socket of sockets) socket.terminate();
});

const NOTES = { doc: 'notes' };
const notesText = (client: Client) => client.doc.getText('notes').toString();
const SCORECARD = {
  scores: { problemSolving: 4, codeQuality: 3, communication: null, testing: 2 },
  recommendation: 'strong-yes',
};

const { connect } = app;

/** A room socket of `session` that asks for the whole doc and keeps every frame it receives. */
function recordRoomFrames(session: Session, roomId: string): Buffer[] {
  const { frames, socket } = recordRoomSocket(session, roomId);
  sockets.push(socket);
  return frames;
}

/** The owner, a co-host, a guest candidate (editor) and a guest viewer in one room. */
async function interviewRoom() {
  const host = await signedIn(app.server, app.database, 'host', 'Hana');
  const roomId = await createRoom(host);
  const coHost = await signedIn(app.server, app.database, 'member', 'Cora');
  expect((await join(coHost, roomId, await invite(host, roomId, false, 'host'))).status).toBe(200);
  const candidate = new Session(app.server);
  expect((await join(candidate, roomId, await invite(host, roomId, true), 'Cand')).status).toBe(200);
  const viewer = new Session(app.server);
  expect((await join(viewer, roomId, await invite(host, roomId, true, 'viewer'), 'Vic')).status).toBe(200);
  return { host, coHost, candidate, viewer, roomId };
}

async function writeNotes(session: Session, roomId: string, text: string) {
  const notes = connect(session, roomId, NOTES);
  await notes.synced;
  notes.doc.getText('notes').insert(notesText(notes).length, text);
  return notes;
}

async function exportOf(session: Session, roomId: string) {
  const res = await session.fetch(`/api/rooms/${roomId}/export`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="codestream-${roomId}.zip"`);
  const entries = readZip(new Uint8Array(await res.arrayBuffer()), {
    maxEntries: 20,
    maxEntryBytes: 1 << 20,
    maxTotalBytes: 1 << 22,
  });
  const text = (name: string) => new TextDecoder().decode(entries.get(name));
  return { names: [...entries.keys()].sort(), text };
}

describe('private notes', () => {
  it('hosts write notes together; no frame a candidate receives holds the notes or the scorecard', async () => {
    const { host, coHost, candidate, roomId } = await interviewRoom();
    const candidateFrames = recordRoomFrames(candidate, roomId);
    const candidateRoom = connect(candidate, roomId);
    const hostRoom = connect(host, roomId);
    await Promise.all([candidateRoom.synced, hostRoom.synced]);

    const hana = await writeNotes(host, roomId, 'NOTE-MARK-hana: clear reasoning\n');
    const cora = await writeNotes(coHost, roomId, 'NOTE-MARK-cora: no tests\n');
    await waitFor(
      () => notesText(hana) === notesText(cora) && notesText(hana).includes('cora') && notesText(hana).includes('hana'),
      5_000,
      'notes converged',
    );
    const saved = await host.fetch(`/api/rooms/${roomId}/scorecard`, { method: 'PUT', json: SCORECARD });
    expect(saved.status).toBe(200);
    expect((await saved.json()) as Scorecard).toMatchObject({ ...SCORECARD, updatedBy: 'Hana' });

    // Room traffic goes on meanwhile, and reaches the recorder (so it records what it should).
    hostRoom.doc.getText(DocKeys.code).insert(0, '# ROOM-MARK from the host\n');
    candidateRoom.doc.getText(DocKeys.code).insert(0, '# typed by the candidate\n');
    await waitFor(
      () => candidateFrames.some((frame) => frame.includes('ROOM-MARK')),
      5_000,
      'the host’s edit at the candidate',
    );
    // Whatever the notes or the scorecard could still send has had time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(candidateFrames.length).toBeGreaterThan(2);
    for (const frame of candidateFrames) {
      for (const secret of ['NOTE-MARK', 'strong-yes', 'problemSolving', 'clear reasoning']) {
        expect(frame.includes(secret), `a candidate frame holds ${secret}`).toBe(false);
      }
    }
    expect(hostRoom.doc.getText(DocKeys.code).toString()).not.toContain('NOTE-MARK');
  });

  it('candidates, viewers and outsiders are refused the notes socket; a host made editor loses it', async () => {
    const { host, coHost, candidate, viewer, roomId } = await interviewRoom();
    const outsider = await signedIn(app.server, app.database, 'member', 'Otto');
    expect(await socketOutcome(candidate, roomId, app.server.url, '&doc=notes')).toBe(CloseCode.Forbidden);
    expect(await socketOutcome(viewer, roomId, app.server.url, '&doc=notes')).toBe(CloseCode.Forbidden);
    expect(await socketOutcome(outsider, roomId, app.server.url, '&doc=notes')).toBe(CloseCode.Forbidden);
    expect(await socketOutcome(host, roomId, app.server.url, '&doc=notes')).toBe('open');

    const cora = await writeNotes(coHost, roomId, 'cora was here\n');
    const closes: number[] = [];
    cora.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    const list = await host.fetch(`/api/rooms/${roomId}/participants`);
    const { items } = (await list.json()) as { items: { id: string; name: string }[] };
    const coraId = items.find((p) => p.name === 'Cora')?.id;
    const demoted = await host.fetch(`/api/rooms/${roomId}/participants/${coraId}`, {
      method: 'PATCH',
      json: { role: 'editor' },
    });
    expect(demoted.status).toBe(204);
    await waitFor(() => closes.includes(CloseCode.RoleChanged), 5_000, 'notes socket closed');
    expect(await socketOutcome(coHost, roomId, app.server.url, '&doc=notes')).toBe(CloseCode.Forbidden);
  });

  it('the scorecard is for hosts only, and no route a non-host can call returns notes or scorecard', async () => {
    const { host, coHost, candidate, viewer, roomId } = await interviewRoom();
    const outsider = await signedIn(app.server, app.database, 'member', 'Otto');
    const empty = await coHost.fetch(`/api/rooms/${roomId}/scorecard`);
    expect(await empty.json()).toMatchObject({ recommendation: null, updatedBy: null });
    await writeNotes(host, roomId, 'NOTE-MARK-private\n');
    expect((await host.fetch(`/api/rooms/${roomId}/scorecard`, { method: 'PUT', json: SCORECARD })).status).toBe(200);
    const bad = await host.fetch(`/api/rooms/${roomId}/scorecard`, {
      method: 'PUT',
      json: { ...SCORECARD, scores: { ...SCORECARD.scores, testing: 5 } },
    });
    expect(bad.status).toBe(400);
    expect(await (await coHost.fetch(`/api/rooms/${roomId}/scorecard`)).json()).toMatchObject({
      ...SCORECARD,
      updatedBy: 'Hana',
    });

    for (const [session, status] of [
      [candidate, 403],
      [viewer, 403],
      [outsider, 404],
    ] as const) {
      expect((await session.fetch(`/api/rooms/${roomId}/scorecard`)).status).toBe(status);
      const put = await session.fetch(`/api/rooms/${roomId}/scorecard`, { method: 'PUT', json: SCORECARD });
      expect(put.status).toBe(status);
    }
    for (const session of [candidate, viewer]) {
      for (const path of [`/api/rooms/${roomId}`, `/api/rooms/${roomId}/code`]) {
        const body = await (await session.fetch(path)).text();
        expect(body).not.toContain('NOTE-MARK');
        expect(body).not.toContain('strong-yes');
      }
      const archive = await exportOf(session, roomId);
      expect(archive.names).toEqual(['chat.json', 'runs.json', 'solution.py', 'stdin.txt', 'submissions.json']);
    }
    // What a host saved stays as it was.
    expect(await (await host.fetch(`/api/rooms/${roomId}/scorecard`)).json()).toMatchObject(SCORECARD);
  });

  it('exports the session (code, input, runs, submissions, chat; notes and scorecard for hosts) and the code', async () => {
    const { host, candidate, roomId } = await interviewRoom();
    const room = connect(candidate, roomId);
    await room.synced;
    room.doc.transact(() => {
      const code = room.doc.getText(DocKeys.code);
      code.delete(0, code.length);
      code.insert(0, 'print(input()[::-1])\n');
      room.doc.getText(DocKeys.stdin).insert(0, 'olleh\n');
    });
    await waitFor(() => room.messages.some((m) => m.message.type === 'room-state'), 5_000, 'room state');
    room.send({ type: 'run' });
    await waitFor(
      () => room.messages.some((m) => m.message.type === 'run-event' && m.message.event.type === 'exit'),
      30_000,
      'run finished',
    );
    await waitFor(async () => (await app.database.runs.findLatest(roomId))?.exit != null, 5_000, 'stored run');
    await writeNotes(host, roomId, '## Hana\nNOTE-MARK-export\n');
    await host.fetch(`/api/rooms/${roomId}/scorecard`, { method: 'PUT', json: SCORECARD });

    const hostArchive = await exportOf(host, roomId);
    expect(hostArchive.names).toEqual([
      'chat.json',
      'notes.md',
      'runs.json',
      'scorecard.json',
      'solution.py',
      'stdin.txt',
      'submissions.json',
    ]);
    expect(hostArchive.text('solution.py')).toBe('print(input()[::-1])\n');
    expect(hostArchive.text('stdin.txt')).toBe('olleh\n');
    expect(hostArchive.text('notes.md')).toBe('## Hana\nNOTE-MARK-export\n');
    expect(JSON.parse(hostArchive.text('scorecard.json'))).toMatchObject({ ...SCORECARD, updatedBy: 'Hana' });
    const runs = JSON.parse(hostArchive.text('runs.json'));
    expect(runs).toEqual([
      expect.objectContaining({
        startedBy: 'Cand',
        code: 'print(input()[::-1])\n',
        stdin: 'olleh\n',
        stdout: 'hello\n',
        exit: expect.objectContaining({ outcome: 'exited', code: 0 }),
      }),
    ]);
    expect(JSON.parse(hostArchive.text('submissions.json'))).toEqual([]);
    const candidateArchive = await exportOf(candidate, roomId);
    expect(candidateArchive.text('runs.json')).toBe(hostArchive.text('runs.json'));
    expect(candidateArchive.names).not.toContain('notes.md');

    const code = await candidate.fetch(`/api/rooms/${roomId}/code`);
    expect(code.status).toBe(200);
    expect(code.headers.get('content-disposition')).toBe('attachment; filename="solution.py"');
    expect(await code.text()).toBe('print(input()[::-1])\n');
    const stranger = await signedIn(app.server, app.database, 'member', 'Otto');
    expect((await stranger.fetch(`/api/rooms/${roomId}/code`)).status).toBe(404);
    expect((await stranger.fetch(`/api/rooms/${roomId}/export`)).status).toBe(404);
  });

  it('notes are stored: after a restart the hosts find them, and the export reads them unloaded', async () => {
    const { host, coHost, roomId } = await interviewRoom();
    const hana = await writeNotes(host, roomId, 'before the restart\n');
    await waitFor(async () => (await app.database.roomUpdates.lastSeq(`notes:${roomId}`)) > 0, 5_000, 'notes logged');
    hana.close();
    await app.restart();
    const archive = await exportOf(host.on(app.server), roomId);
    expect(archive.text('notes.md')).toBe('before the restart\n');
    const cora = connect(coHost.on(app.server), roomId, NOTES);
    await cora.synced;
    expect(notesText(cora)).toBe('before the restart\n');
  });
});
