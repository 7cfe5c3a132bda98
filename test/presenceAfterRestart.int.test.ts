import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomServer } from '../room-server/src/createRoomServer.ts';
import type { Database } from '../room-server/src/database.ts';
import {
  createTestJudge,
  openTestDatabase,
  roomWithPeople,
  type Session,
  startTestServer,
  waitFor,
} from '../room-server/test/harness.ts';
import { RoomConnection } from '../web/src/room/RoomConnection.ts';

// The web app's own room client (not the stock y-websocket one): the fix is in it.

let database: Database;
const judge = createTestJudge();
const servers: RoomServer[] = [];
const connections: RoomConnection[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  for (const connection of connections) connection.close();
  for (const server of servers) await server.close();
  await judge.close();
  await database.close();
});

async function start(port?: number): Promise<RoomServer> {
  const server = await startTestServer({ database, judge, port });
  servers.push(server);
  return server;
}

/** A browser tab of `session`: its cookie and this site's Origin on every upgrade. */
function tabOf(session: Session, roomId: string, name: string, port: number): RoomConnection {
  const origin = session.server.url;
  const cookie = session.cookieHeader;
  class TabSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
  }
  const connection = new RoomConnection({
    roomId,
    name,
    wsOrigin: `ws://127.0.0.1:${port}`,
    WebSocketPolyfill: TabSocket as unknown as typeof globalThis.WebSocket,
  });
  connections.push(connection);
  return connection;
}

function othersSeenBy(connection: RoomConnection): string[] {
  return connection
    .getSnapshot()
    .participants.filter((p) => !p.self)
    .map((p) => p.name);
}

describe('presence across a server restart', () => {
  it('shows everyone their peers again within 2 s of the room coming back', async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    const { roomId, sessions } = await roomWithPeople(first, database, ['Ann', 'Bob']);
    const [annSession, bobSession] = sessions as [Session, Session];
    const ann = tabOf(annSession, roomId, 'Ann', port);
    const bob = tabOf(bobSession, roomId, 'Bob', port);
    await waitFor(
      () => othersSeenBy(ann).includes('Bob') && othersSeenBy(bob).includes('Ann'),
      5_000,
      'presence before the restart',
    );

    await first.close();
    // y-websocket drops the peers' states when its socket closes.
    await waitFor(
      () => othersSeenBy(ann).length === 0 && othersSeenBy(bob).length === 0,
      5_000,
      'peers gone while the server is down',
    );

    await start(port);
    const live = (c: RoomConnection) => c.getSnapshot().connection === 'live';
    await waitFor(() => live(ann) && live(bob), 10_000, 'both back');
    const backAt = Date.now();
    // Without a newer awareness clock the peers would ignore the re-sent states until
    // y-protocols renews them (15 s after the last change).
    await waitFor(
      () => othersSeenBy(ann).includes('Bob') && othersSeenBy(bob).includes('Ann'),
      2_000,
      'presence after the restart',
    );
    expect(Date.now() - backAt).toBeLessThan(2_000);
  });
});
