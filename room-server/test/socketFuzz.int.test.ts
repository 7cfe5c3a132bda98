import { DocKeys, MessageType } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createRoom,
  createTestJudge,
  invite,
  join,
  openTestDatabase,
  roomWithPeople,
  type Session,
  startTestServer,
  waitFor,
} from './harness.ts';
import { RawSocket, wsFrame } from './rawSocket.ts';

// Every kind of invalid frame and malformed message, at every stage of a socket's life,
// from strangers and from participants: the process stays up (vitest fails the run on
// any uncaught exception), every such socket is cut off, and the room keeps syncing.

let database: Database;
let server: RoomServer;
const judge = createTestJudge();

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, judge, maxMessageBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

function message(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Frames that break the WebSocket protocol itself; ws reports each as an 'error'. */
const protocolViolations: [string, Buffer][] = [
  ['RSV1 set', wsFrame({ rsv: 4, payload: new Uint8Array([0, 0]) })],
  ['RSV2 and RSV3 set', wsFrame({ rsv: 3, payload: new Uint8Array([1]) })],
  ['unmasked client frame', wsFrame({ mask: false, payload: new Uint8Array([0, 0]) })],
  ['payload over the limit', wsFrame({ declaredLength: 2 ** 40 })],
  ['unknown opcode', wsFrame({ opcode: 3, payload: new Uint8Array([1]) })],
  ['fragmented ping', wsFrame({ opcode: 9, fin: false })],
  ['control frame over 125 bytes', wsFrame({ opcode: 9, payload: new Uint8Array(200) })],
  ['continuation without a first frame', wsFrame({ opcode: 0, payload: new Uint8Array([1]) })],
  ['close with a reserved code', wsFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xed]) })],
  ['text frame of invalid UTF-8', wsFrame({ opcode: 1, payload: new Uint8Array([0xff, 0xfe, 0xfd]) })],
];

/** Well-formed frames whose content the room must refuse. */
const malformedMessages: [string, Buffer][] = [
  ['empty binary frame', wsFrame({ payload: new Uint8Array() })],
  ['unknown message type', wsFrame({ payload: message(42, (e) => encoding.writeVarString(e, 'x')) })],
  ['truncated sync message', wsFrame({ payload: new Uint8Array([MessageType.Sync, 0, 200]) })],
  [
    'garbage update',
    wsFrame({
      payload: message(MessageType.Sync, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
      }),
    }),
  ],
  [
    'app message that is not JSON',
    wsFrame({ payload: message(MessageType.App, (e) => encoding.writeVarString(e, '{')) }),
  ],
  ['oversized message', wsFrame({ payload: new Uint8Array(100 * 1024) })],
];

const allBadFrames = [...protocolViolations, ...malformedMessages];

type Stage = 'upgrade' | 'authorising' | 'joined' | 'refused' | 'closing';

/**
 * Opens a socket as `who` and sends `bad` at `stage`; resolves when the server has cut
 * the connection off.
 */
async function attack(roomId: string, who: Session | null, stage: Stage, bad: Buffer): Promise<void> {
  const cookie = who?.cookieHeader;
  const origin = server.url;
  const raw = await RawSocket.open(server.url, roomId, {
    cookie,
    origin,
    withRequest: stage === 'upgrade' ? bad : undefined,
  });
  if (stage === 'upgrade') {
    // Frames sent with the request break the handshake: refused before any upgrade.
    expect(raw.status).toBe(400);
  } else {
    expect(raw.status).toBe(101);
  }
  switch (stage) {
    case 'upgrade':
      break;
    case 'authorising':
      raw.write(bad);
      break;
    case 'joined':
      await waitFor(() => raw.received.length > 0, 5_000, 'first frame');
      raw.write(bad);
      break;
    case 'refused':
      await waitFor(() => raw.closeCode !== null, 5_000, 'refusal');
      raw.write(bad);
      break;
    case 'closing':
      await waitFor(() => raw.received.length > 0, 5_000, 'first frame');
      raw.write(wsFrame({ payload: message(99, () => {}) }));
      raw.write(bad);
      break;
  }
  await Promise.race([
    raw.ended,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`socket at ${stage} was not cut off`)), 5_000)),
  ]);
}

async function expectServerAndRoomAlive(roomId: string, ann: ReturnType<typeof connectClient>, bob: Session) {
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  const peer = connectClient(server, roomId, bob);
  await peer.synced;
  const marker = `# still in sync ${Math.random()}\n`;
  ann.doc.getText(DocKeys.code).insert(0, marker);
  await waitFor(() => peer.doc.getText(DocKeys.code).toString().startsWith(marker), 5_000, 'sync after attacks');
  expect(ann.provider.wsconnected).toBe(true);
  peer.close();
}

describe('socket fuzz', () => {
  const stages: [Stage, 'stranger' | 'participant'][] = [
    ['upgrade', 'stranger'],
    ['upgrade', 'participant'],
    ['authorising', 'stranger'],
    ['authorising', 'participant'],
    ['refused', 'stranger'],
    ['joined', 'participant'],
    ['closing', 'participant'],
  ];

  let roomId: string;
  let ann: Session;
  let bob: Session;
  let mallory: Session;
  beforeAll(async () => {
    const cast = await roomWithPeople(server, database, ['Ann', 'Bob', 'Mallory']);
    roomId = cast.roomId;
    [ann, bob, mallory] = cast.sessions as [Session, Session, Session];
  });

  it.each(stages)('bad frames at %s from a %s leave the server and the room working', async (stage, who) => {
    const annClient = connectClient(server, roomId, ann);
    await annClient.synced;
    // A room nobody has opened yet: the attacks also reach it while it is being loaded.
    const fresh = await createRoom(ann);
    if ((await join(mallory, fresh, await invite(ann, fresh))).status !== 200) throw new Error('join failed');
    const attacker = who === 'participant' ? mallory : null;
    await Promise.all(
      allBadFrames.flatMap(([, bad]) => [attack(roomId, attacker, stage, bad), attack(fresh, attacker, stage, bad)]),
    );
    await expectServerAndRoomAlive(roomId, annClient, bob);
    annClient.close();
  });
});
