import {
  type AwarenessEntry,
  CloseCode,
  encodeAwarenessUpdate,
  MessageType,
  PROTOCOL_VERSION,
  ROOM_SOCKET_PATH,
} from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import { DEFAULT_AWARENESS_LIMITS } from '../src/rooms/AwarenessGuard.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  type Session,
  startTestServer,
  waitFor,
} from './harness.ts';

let database: Database;
let server: RoomServer;
const judge = createTestJudge();
const clients: ReturnType<typeof connectClient>[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.close();
  await judge.close();
  await database.close();
});

/** A hand-made room socket with the session's cookie: sends whatever the test wants. */
function openRaw(roomId: string, session: Session): Promise<WebSocket> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`, {
    headers: { cookie: session.cookieHeader, origin: server.url },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function awarenessFrame(...entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(entries));
  return encoding.toUint8Array(encoder);
}

async function roomOf(names: string[]) {
  const { roomId, sessions } = await roomWithPeople(server, database, names);
  const [annSession, ...others] = sessions as [Session, ...Session[]];
  const ann = connectClient(server, roomId, annSession);
  clients.push(ann);
  await ann.synced;
  return { roomId, ann, others };
}

describe('awareness on the room socket', () => {
  it('relays the name, role and colour the server knows, not the ones claimed', async () => {
    const { roomId, ann, others } = await roomOf(['Ann', 'Mallory']);
    const mallory = connectClient(server, roomId, others[0] as Session);
    clients.push(mallory);
    await mallory.synced;
    mallory.provider.awareness.setLocalStateField('user', { name: 'Ann (host)', color: '#000000' });
    const id = mallory.doc.clientID;
    await waitFor(() => ann.provider.awareness.getStates().get(id)?.user !== undefined, 5_000, 'awareness');
    const user = ann.provider.awareness.getStates().get(id)?.user;
    expect(user).toMatchObject({ name: 'Mallory', role: 'editor', id: expect.stringMatching(/^u:/) });
    expect(user.color).not.toBe('#000000');
  });

  it.each([
    ['a CSS string as colour', { user: { name: 'M', color: 'red; background: url(http://evil.example/x.png)' } }],
    ['a name of 10,000 characters', { user: { name: 'M'.repeat(10_000), color: '#f00' } }],
    ['a field the room does not use', { user: { color: '#f00' }, html: '<img src=//evil.example>' }],
  ])('closes a socket that sends %s, and no one sees it', async (_case, state) => {
    const { roomId, ann, others } = await roomOf(['Ann', 'Mallory', 'Bob']);
    const mallory = await openRaw(roomId, others[0] as Session);
    const code = new Promise<number>((resolve) => mallory.once('close', resolve));
    mallory.send(awarenessFrame({ clientId: 4242, clock: 1, state }));
    expect(await code).toBe(CloseCode.MalformedMessage);
    // Bob's cursor arrives after anything Mallory's frame could have caused.
    const bob = connectClient(server, roomId, others[1] as Session);
    clients.push(bob);
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob', color: '#34d399' });
    await waitFor(() => ann.provider.awareness.getStates().has(bob.doc.clientID), 5_000, 'bob');
    expect(ann.provider.awareness.getStates().has(4242)).toBe(false);
    expect(ann.provider.wsconnected).toBe(true);
  });

  it('relays a flood of cursor moves at the rate limit, ending with the last position', async () => {
    const { roomId, ann, others } = await roomOf(['Ann', 'Mallory']);
    let relayed = 0;
    ann.provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(4243)) relayed++;
    });
    const mallory = await openRaw(roomId, others[0] as Session);
    const sent = 300;
    for (let clock = 1; clock <= sent; clock++) {
      const cursor = { anchor: { item: { client: 1, clock } }, head: { item: { client: 1, clock } } };
      mallory.send(awarenessFrame({ clientId: 4243, clock, state: { user: { color: '#f00' }, cursor } }));
    }
    const started = Date.now();
    await waitFor(
      () => ann.provider.awareness.getStates().get(4243)?.cursor?.anchor?.item?.clock === sent,
      5_000,
      'last cursor position',
    );
    const seconds = (Date.now() - started) / 1000 + 1;
    expect(relayed).toBeLessThanOrEqual(
      DEFAULT_AWARENESS_LIMITS.burst + seconds * DEFAULT_AWARENESS_LIMITS.updatesPerSecond,
    );
    expect(relayed).toBeLessThan(sent / 2);
    mallory.close();
  });
});
