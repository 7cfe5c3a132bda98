import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { DocKeys, PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { parse } from 'yaml';
import type { RoomServer } from '../room-server/src/createRoomServer.ts';
import type { Database } from '../room-server/src/database.ts';
import {
  connectClient,
  createRoom,
  createUser,
  openTestDatabase,
  Session,
  waitFor,
} from '../room-server/test/harness.ts';
import { type Cluster, startCluster } from './support/cluster.ts';

// The routing of the scaled deployment, proven with processes: HAProxy running
// deploy/haproxy.cfg (the file docker-compose.yml mounts) before two room-servers that
// share one database and one SESSION_SECRET. Which server answered comes from the
// X-Served-By header the balancer adds.

const exec = promisify(execFile);
const dbName = `t_${randomBytes(6).toString('hex')}`;
let cluster: Cluster;
let database: Database;
let host: Session;

beforeAll(async () => {
  database = await openTestDatabase(dbName);
  cluster = await startCluster({ mongoUri: inject('mongoUri'), dbName });
  const account = await createUser(database, { role: 'host', name: 'Ann' });
  host = await new Session({ url: cluster.url } as RoomServer).signIn(account.email, account.password);
});

afterAll(async () => {
  await cluster?.close();
  await database?.close();
});

async function servedBy(path: string): Promise<string | null> {
  const res = await host.fetch(path);
  expect(res.status, path).toBe(200);
  await res.body?.cancel();
  return res.headers.get('x-served-by');
}

/** The server that answers the room socket's upgrade (closed at once). */
function socketServedBy(roomId: string): Promise<string | undefined> {
  const url = `${cluster.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
  const ws = new WebSocket(url, { headers: { cookie: host.cookieHeader, origin: cluster.url } });
  return new Promise((resolve, reject) => {
    ws.once('upgrade', (res) => {
      const header = res.headers['x-served-by'];
      resolve(Array.isArray(header) ? header[0] : header);
      ws.terminate();
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`room socket refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** The health check docker-compose.yml gives the HAProxy container, run against this balancer. */
async function composeHealthCheck(): Promise<boolean> {
  const compose = parse(await readFile('docker-compose.yml', 'utf8')) as {
    services: { haproxy: { healthcheck: { test: string[] } } };
  };
  const [kind, command = '', ...args] = compose.services.haproxy.healthcheck.test;
  expect(kind).toBe('CMD');
  const port = new URL(cluster.url).port;
  const here = args.map((arg) => arg.replace('/dev/tcp/127.0.0.1/8080', `/dev/tcp/127.0.0.1/${port}`));
  return exec(command, here).then(
    () => true,
    () => false,
  );
}

/** Every server the room's requests and socket reach: one while its server is up. */
async function serversOfRoom(roomId: string): Promise<Set<string | null | undefined>> {
  return new Set([
    await servedBy(`/api/rooms/${roomId}`),
    await servedBy(`/api/rooms/${roomId}/participants`),
    await servedBy(`/r/${roomId}`),
    await servedBy(`/r/${roomId}/playback`),
    await socketServedBy(roomId),
  ]);
}

describe('HAProxy before two room-servers (deploy/haproxy.cfg)', () => {
  const rooms = new Map<string, string>();

  it('accepts a session signed in through the balancer on every server', async () => {
    for (const server of cluster.servers) {
      const res = await host.on({ url: server.url } as RoomServer).fetch('/api/auth/me');
      expect(await res.json(), server.name).toMatchObject({ user: { name: 'Ann' } });
    }
  });

  it('spreads requests that name no room over both servers', async () => {
    const servers: (string | null)[] = [];
    for (let i = 0; i < 6; i++) servers.push(await servedBy('/api/auth/me'));
    expect(new Set(servers)).toEqual(new Set(['room-server-1', 'room-server-2']));
  });

  it('sends every request and socket of one room to one server, and rooms to both', async () => {
    for (let i = 0; i < 16; i++) {
      const roomId = await createRoom(host);
      const servers = await serversOfRoom(roomId);
      expect(servers.size, `servers of room ${roomId}`).toBe(1);
      const [server] = servers;
      expect(server).toMatch(/^room-server-[12]$/);
      rooms.set(roomId, server as string);
    }
    expect(new Set(rooms.values())).toEqual(new Set(['room-server-1', 'room-server-2']));
  });

  it('carries a room socket through the balancer: two clients of a room converge', async () => {
    const [roomId] = rooms.keys();
    const a = connectClient({ url: cluster.url } as RoomServer, roomId as string, host);
    const b = connectClient({ url: cluster.url } as RoomServer, roomId as string, host);
    try {
      await Promise.all([a.synced, b.synced]);
      const storedBefore = await database.roomUpdates.lastSeq(roomId as string);
      a.doc.getText(DocKeys.code).insert(0, 'print("through haproxy")\n');
      await waitFor(
        () => b.doc.getText(DocKeys.code).toString().includes('through haproxy'),
        10_000,
        'the edit at the other client',
      );
      // Stored in the shared database (the next test kills its server).
      await waitFor(
        async () => (await database.roomUpdates.lastSeq(roomId as string)) > storedBefore,
        10_000,
        'the edit stored',
      );
    } finally {
      a.close();
      b.close();
    }
  });

  it("serves a killed server's rooms from the other within seconds, and leaves the other's rooms where they were", async () => {
    const [roomId, owner] = [...rooms][0] as [string, string];
    const survivor = owner === 'room-server-1' ? 'room-server-2' : 'room-server-1';
    const stayingRoom = [...rooms].find(([, server]) => server === survivor)?.[0] as string;
    await cluster.server(owner).kill();
    // Until two failed health checks take it out, a refused connection is retried on the
    // other server (option redispatch), so the room moves at once.
    await waitFor(
      async () => {
        try {
          return (await servedBy(`/api/rooms/${roomId}`)) === survivor;
        } catch {
          // A request the balancer could not place yet (no retry left): ask again.
          return false;
        }
      },
      15_000,
      `room ${roomId} served by ${survivor}`,
    );
    // And the health checks take it out of the balancer (not only a retry per request).
    await cluster.haproxy.waitForOutput(new RegExp(`${owner} is DOWN`), 15_000);
    expect(await serversOfRoom(roomId)).toEqual(new Set([survivor]));
    expect(await serversOfRoom(stayingRoom)).toEqual(new Set([survivor]));
    // The room's code, stored by the killed server, is what the survivor serves.
    const late = connectClient({ url: cluster.url } as RoomServer, roomId, host);
    try {
      await late.synced;
      expect(late.doc.getText(DocKeys.code).toString()).toContain('through haproxy');
    } finally {
      late.close();
    }
    expect((await fetch(`${cluster.url}/haproxy/health`)).status).toBe(200);
  });

  it("reports the balancer unhealthy (compose's health check fails) once no room-server is left", async () => {
    expect(await composeHealthCheck()).toBe(true);
    await Promise.all(cluster.servers.map((server) => server.kill()));
    await waitFor(async () => (await fetch(`${cluster.url}/haproxy/health`)).status === 503, 15_000, 'a 503');
    expect(await composeHealthCheck()).toBe(false);
  });
});
