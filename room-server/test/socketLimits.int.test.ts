import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { CloseCode, DocKeys } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';
import {
  connectClient,
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  type Session,
  startTestServer,
  waitFor,
} from './harness.ts';
import { RawSocket, wsFrame } from './rawSocket.ts';

let database: Database;
let server: RoomServer;
const judge = createTestJudge();
const execFileAsync = promisify(execFile);
let roomId: string;
let ann: Session;
let mallory: Session;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({
    database,
    judge,
    maxMessageBytes: 1024 * 1024,
    maxBufferedBytes: 256 * 1024,
    pingIntervalMs: 300,
  });
  const cast = await roomWithPeople(server, database, ['Ann', 'Mallory']);
  roomId = cast.roomId;
  [ann, mallory] = cast.sessions as [Session, Session];
});
afterAll(async () => {
  await server.close();
  await judge.close();
  await database.close();
});

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Bytes held by this process's JavaScript: the heap plus Buffers outside it. */
function heldBytes(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function endedWithin(raw: RawSocket, ms: number, what: string): Promise<void> {
  return Promise.race([
    raw.ended,
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`${what}: socket still open`)), ms)),
  ]);
}

describe('memory before authorisation', () => {
  it('1,000 sockets sending 1 MiB each before they are authorised grow memory by under 64 MiB, then release it', async () => {
    gc();
    const baseline = heldBytes();
    let peak = baseline;
    // What the server holds, not the garbage it has yet to collect: collect, then measure.
    const sampler = setInterval(() => {
      gc();
      peak = Math.max(peak, heldBytes());
    }, 100);
    // The clients run in a process of their own: only the server's memory is measured.
    const { stdout } = await execFileAsync(
      'node_modules/.bin/tsx',
      ['room-server/test/floodClients.ts', server.url, roomId, server.url, '1000'],
      { maxBuffer: 1024 * 1024 },
    );
    clearInterval(sampler);
    const codes = JSON.parse(stdout) as (number | null)[];
    expect(codes).toHaveLength(1000);
    // Every socket is refused. A server closing a socket whose megabyte it did not read makes
    // the kernel reset the connection (TCP RST), which can drop the close frame on its way:
    // such a client sees no code (null), on a loaded machine a few in a thousand.
    expect(new Set(codes.filter((code) => code !== null))).toEqual(new Set([CloseCode.Forbidden]));
    expect(codes.filter((code) => code === null).length).toBeLessThan(20);
    expect((peak - baseline) / 2 ** 20).toBeLessThan(64);
    gc();
    expect((heldBytes() - baseline) / 2 ** 20).toBeLessThan(16);
  }, 180_000);
});

describe('clients that do not read', () => {
  it('closes a socket whose send buffer passes the limit; the room goes on', async () => {
    const annClient = connectClient(server, roomId, ann);
    await annClient.synced;
    const raw = await RawSocket.open(server.url, roomId, { origin: server.url, cookie: mallory.cookieHeader });
    await waitFor(() => raw.received.length > 0, 5_000, 'first frame');
    raw.pauseReading();
    const text = annClient.doc.getText(DocKeys.code);
    const chunk = 'x'.repeat(60 * 1024);
    let sent = 0;
    // Loopback's kernel buffers take some MiB before the server's own buffer grows. The
    // paused client notices the server cutting it off when its next write fails.
    while (!raw.isEnded && sent < 64 * 2 ** 20) {
      text.insert(0, chunk);
      text.delete(0, chunk.length);
      raw.write(wsFrame({ opcode: 10 }));
      sent += chunk.length;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(raw.isEnded).toBe(true);
    const watcher = connectClient(server, roomId, ann);
    await watcher.synced;
    text.insert(0, 'still here');
    await waitFor(() => watcher.doc.getText(DocKeys.code).toString().startsWith('still here'), 5_000, 'sync');
    watcher.close();
    annClient.close();
  });

  it('does not count pongs nobody asked for as signs of life', async () => {
    const raw = await RawSocket.open(server.url, roomId, { origin: server.url, cookie: mallory.cookieHeader });
    await waitFor(() => raw.received.length > 0, 5_000, 'first frame');
    // Never answers the server's pings, but sends pongs of its own every 50 ms.
    const pongs = setInterval(() => raw.write(wsFrame({ opcode: 10, payload: new Uint8Array([1, 2, 3]) })), 50);
    try {
      await endedWithin(raw, 3_000, 'unsolicited pongs');
    } finally {
      clearInterval(pongs);
    }
  });

  it('keeps a socket that answers pings', async () => {
    const client = connectClient(server, roomId, ann);
    await client.synced;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(client.provider.wsconnected).toBe(true);
    client.close();
  });
});
