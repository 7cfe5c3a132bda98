import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION, ROOM_SOCKET_PATH } from '@codestream/shared';
import type { BenchServer, RoomPlan } from './BenchServer.ts';
import { spawnServer } from './BenchServer.ts';
import { HttpSession } from './HttpSession.ts';

/** The repository root: the server's defaults (FERRETDB_BIN, WEB_DIST) are relative to it. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The compiled entry `npm start` runs (scripts/build-server.mjs builds it, scripts/bench.sh first). */
const ENTRY = 'room-server/dist/main.mjs';

/** Requests in flight at once while rooms and guests are set up: enough to be quick, not a load test. */
const SETUP_CONCURRENCY = 8;

async function inParallel<T>(count: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SETUP_CONCURRENCY, count) }, worker));
  return results;
}

/**
 * `rooms` rooms made by the admin through the HTTP API at `url`, each with a guest
 * invitation that `peoplePerRoom` guests join (a session each); the sockets of a room
 * share those sessions. `serverOf(socket)` picks the server of each socket when there
 * are several (the sessions are good on all of them).
 */
export async function prepareGuestRooms(
  url: string,
  admin: { email: string; password: string },
  shape: { rooms: number; clientsPerRoom: number; peoplePerRoom: number },
  serverOf?: (socket: number) => { url: string; server: number },
): Promise<RoomPlan[]> {
  const owner = await new HttpSession(url).signIn(admin.email, admin.password);
  const wsUrl = (base: string) => `${base.replace(/^http/, 'ws')}${ROOM_SOCKET_PATH}`;
  return inParallel(shape.rooms, async (i): Promise<RoomPlan> => {
    const { id } = await owner.post<{ id: string }>('/api/rooms', { language: 'python' }, 201);
    const { token } = await owner.post<{ token: string }>(`/api/rooms/${id}/invites`, { allowGuests: true }, 201);
    const headers: Record<string, string>[] = [];
    for (let p = 0; p < shape.peoplePerRoom; p++) {
      const guest = new HttpSession(url);
      await guest.post(`/api/rooms/${id}/join`, { invite: token, name: `Guest ${i}-${p}` }, 200);
      headers.push({ cookie: guest.cookieHeader, origin: url });
    }
    const sockets = Array.from({ length: shape.clientsPerRoom }, (_, c) => {
      const socket = { headers: headers[c % shape.peoplePerRoom] as Record<string, string> };
      const placed = serverOf?.(c);
      if (!placed) return socket;
      // A browser's page comes from the server it talks to: its Origin is that server's.
      return {
        headers: { ...socket.headers, origin: placed.url },
        serverUrl: wsUrl(placed.url),
        server: placed.server,
      };
    });
    return { serverUrl: wsUrl(url), room: id, params: { v: String(PROTOCOL_VERSION) }, sockets };
  });
}

/** The CodeStream server of a bench, with the address and admin account the dashboard bench signs in with. */
export interface CodeStreamBenchServer extends BenchServer {
  readonly url: string;
  readonly admin: { email: string; password: string };
}

/**
 * CodeStream as `npm start` runs it, on a free port with a fresh embedded database in a
 * temporary folder. Rooms are made through the HTTP API: an admin creates each room and
 * a guest invitation, and each person of a room joins it as a guest (a session of their
 * own), so upgrades carry real sessions, not one shared cached one. `root`: the checkout
 * whose compiled server (and web build) runs, this one unless a bench compares two.
 */
export async function startCodeStreamServer(root = ROOT): Promise<CodeStreamBenchServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'codestream-bench-'));
  const admin = { email: 'bench-admin@example.org', password: randomBytes(12).toString('hex') };
  // The embedded database of the bench's own, even when this shell points MONGODB_URI elsewhere.
  const { MONGODB_URI: _unused, ...env } = process.env;
  const server = await spawnServer({
    command: process.execPath,
    args: ['--enable-source-maps', path.join(root, ENTRY)],
    cwd: root,
    env: {
      ...env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    },
    ready: /CodeStream is running at (\S+)/,
    timeoutMs: 60_000,
  }).catch(async (err: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  });
  const url = server.ready[1] as string;
  return {
    name: 'CodeStream',
    pid: server.child.pid as number,
    url,
    admin,
    prepareRooms: (rooms, clientsPerRoom, peoplePerRoom) =>
      prepareGuestRooms(url, admin, { rooms, clientsPerRoom, peoplePerRoom }),
    async close() {
      // Past its own SHUTDOWN_DEADLINE_MS (5 s) the server exits by itself; SIGKILL only if it hangs.
      await server.stop(15_000);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
