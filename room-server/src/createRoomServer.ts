import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Judge, RunLimits } from '@codestream/shared';
import type { Database } from './db/Database.ts';
import { createApp } from './http/createApp.ts';
import type { Logger } from './logger.ts';
import { RoomRegistry } from './rooms/RoomRegistry.ts';
import { RoomSocketServer } from './rooms/RoomSocketServer.ts';

export interface RoomServerOptions {
  host: string;
  port: number;
  database: Database;
  judge: Judge;
  runLimits: RunLimits;
  webDist: string;
  persist: { debounceMs: number; maxWaitMs: number };
  pingIntervalMs: number;
  maxMessageBytes: number;
  log: Logger;
}

export interface RoomServer {
  /** http://host:port of the listening server. */
  readonly url: string;
  readonly registry: RoomRegistry;
  /** Closes sockets, stores every room, stops listening. Leaves database and judge open. */
  close(): Promise<void>;
}

/** One HTTP server: the Koa app plus the room WebSocket upgrade. */
export async function createRoomServer(options: RoomServerOptions): Promise<RoomServer> {
  const { database, judge, log } = options;
  const registry = new RoomRegistry({
    database,
    judge,
    runLimits: options.runLimits,
    persist: options.persist,
    log,
  });
  const sockets = new RoomSocketServer({
    registry,
    maxMessageBytes: options.maxMessageBytes,
    pingIntervalMs: options.pingIntervalMs,
    log,
  });
  const app = createApp({ database, webDist: options.webDist, log });
  const server = http.createServer(app.callback());
  server.on('upgrade', (req, socket, head) => {
    if (RoomSocketServer.handles(req.url)) {
      sockets.handleUpgrade(req, socket, head);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    registry,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await sockets.close();
        await registry.close();
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
