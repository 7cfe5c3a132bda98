import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchServer, type RoomPlan, spawnServer } from './BenchServer.ts';

/** y-websocket 1.5.4's bin/server.js, installed apart from the product by scripts/bench.sh. */
const REFERENCE_SERVER = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../reference/node_modules/y-websocket-reference/bin/server.js',
);

/** A port free right now (the reference server prints the port it was given, not the one it got). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** The reference server in memory (no persistence), as its README starts it. */
export async function startReferenceServer(): Promise<BenchServer> {
  const port = await freePort();
  const server = await spawnServer({
    command: process.execPath,
    args: [REFERENCE_SERVER],
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    ready: /running at/,
    timeoutMs: 15_000,
  });
  return {
    name: 'reference',
    pid: server.child.pid as number,
    async prepareRooms(rooms, clientsPerRoom) {
      // Any room name works and nobody signs in: the reference has no accounts and no room records.
      return Array.from(
        { length: rooms },
        (_, i): RoomPlan => ({
          serverUrl: `ws://127.0.0.1:${port}`,
          room: `bench-room-${i}`,
          params: {},
          sockets: Array.from({ length: clientsPerRoom }, () => ({ headers: {} })),
        }),
      );
    },
    close: () => server.stop(5_000),
  };
}
