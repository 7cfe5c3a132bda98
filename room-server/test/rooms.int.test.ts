import {
  CloseCode,
  DocKeys,
  MessageType,
  PROTOCOL_VERSION,
  ROOM_ID_PATTERN,
  ROOM_SOCKET_PATH,
} from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createRoom,
  createTestJudge,
  openTestDatabase,
  type Session,
  signedIn,
  startTestServer,
  waitFor,
} from './harness.ts';

let database: Database;
let server: RoomServer;
let host: Session;
const judge = createTestJudge();

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge });
  host = await signedIn(server, database, 'host', 'Hana');
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

function closeCodeOf(url: string, session?: Session): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      headers: session ? { cookie: session.cookieHeader, origin: server.url } : {},
    });
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

describe('rooms REST', () => {
  it('creates a room with an unguessable id and returns its metadata', async () => {
    const created = await host.fetch('/api/rooms', { method: 'POST', json: { language: 'javascript' } });
    expect(created.status).toBe(201);
    const room = (await created.json()) as { id: string; language: string };
    expect(room.id).toMatch(ROOM_ID_PATTERN);
    expect(room.language).toBe('javascript');

    const other = await createRoom(host);
    expect(other).not.toBe(room.id);

    const fetched = await host.fetch(`/api/rooms/${room.id}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toMatchObject({ id: room.id, language: 'javascript' });
  });

  it('answers unknown rooms with a JSON 404', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAA', 'not-a-room-id', '%27%20or%201=1']) {
      const res = await host.fetch(`/api/rooms/${id}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { message: 'Room not found' } });
    }
  });

  it('rejects bad room settings with a 400 naming the field', async () => {
    const res = await host.fetch('/api/rooms', { method: 'POST', json: { language: 'cobol' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; details: { path: string }[] } };
    expect(body.error.details[0]?.path).toBe('language');
  });

  it('rejects malformed JSON with a 400, not a 500', async () => {
    const res = await host.fetch('/api/rooms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"language":',
    });
    expect(res.status).toBe(400);
  });

  it('sets headers that keep room links from leaking', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('room socket upgrade', () => {
  const wsBase = () => `${server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}`;

  it('closes with RoomNotFound for an unknown room', async () => {
    const code = await closeCodeOf(`${wsBase()}/AAAAAAAAAAAAAAAAAAAA?v=${PROTOCOL_VERSION}`, host);
    expect(code).toBe(CloseCode.RoomNotFound);
  });

  it('closes with ProtocolMismatch for another protocol version', async () => {
    const id = await createRoom(host);
    expect(await closeCodeOf(`${wsBase()}/${id}?v=999`, host)).toBe(CloseCode.ProtocolMismatch);
  });

  it('closes with Forbidden without a session', async () => {
    const id = await createRoom(host);
    expect(await closeCodeOf(`${wsBase()}/${id}?v=${PROTOCOL_VERSION}`)).toBe(CloseCode.Forbidden);
  });

  it('sends a joining socket the whole code before it asks for anything', async () => {
    const id = await createRoom(host);
    const writer = connectClient(server, id, host);
    await writer.synced;
    const code = writer.doc.getText(DocKeys.code);
    code.delete(0, code.length);
    code.insert(0, 'print("there before you ask")\n');
    // The server has it once another client sees it.
    const reader = connectClient(server, id, host);
    await waitFor(() => reader.doc.getText(DocKeys.code).toString() === 'print("there before you ask")\n');
    reader.close();

    // A socket that only listens, as a page whose code has not run yet.
    const socket = new WebSocket(`${wsBase()}/${id}?v=${PROTOCOL_VERSION}`, {
      headers: { cookie: host.cookieHeader, origin: server.url },
    });
    const doc = new Y.Doc();
    const kinds: number[] = [];
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MessageType.Sync) return;
      const kind = decoding.readVarUint(decoder);
      kinds.push(kind);
      if (kind === syncProtocol.messageYjsSyncStep2) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    });
    try {
      await waitFor(() => doc.getText(DocKeys.code).toString() === 'print("there before you ask")\n');
      expect(kinds.slice(0, 2)).toEqual([syncProtocol.messageYjsSyncStep1, syncProtocol.messageYjsSyncStep2]);
    } finally {
      socket.terminate();
      writer.close();
    }
  });
});
