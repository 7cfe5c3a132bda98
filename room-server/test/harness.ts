import { randomBytes } from 'node:crypto';
import { DockerJudge } from '@codestream/judge';
import {
  type ClientMessage,
  type Judge,
  MessageType,
  PROTOCOL_VERSION,
  ROOM_SOCKET_PATH,
  type ServerMessage,
  serverMessageSchema,
} from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createRoomServer, type RoomServer } from '../src/createRoomServer.ts';
import { type Database, openDatabase } from '../src/db/Database.ts';
import type { Logger } from '../src/logger.ts';

/** Logs only problems, so a failing test shows why. */
export const testLogger: Logger = {
  info() {},
  warn() {},
  error: (fields, message) => console.error(message, fields),
};

/** The real in-process judge (real Docker); each suite closes its own. */
export function createTestJudge(): DockerJudge {
  return new DockerJudge({ sweepIntervalMs: 0 });
}

/** A fresh database (own name) on the embedded server started by test/globalSetup.ts. */
export function openTestDatabase(name = `t_${randomBytes(6).toString('hex')}`): Promise<Database> {
  return openDatabase({ uri: inject('mongoUri'), dbName: name });
}

export interface TestServerOptions {
  database: Database;
  judge: Judge;
  persist?: { debounceMs: number; maxWaitMs: number };
  pingIntervalMs?: number;
  maxMessageBytes?: number;
  timeLimitMs?: number;
}

/** The real room server on 127.0.0.1, port 0. */
export function startTestServer(options: TestServerOptions): Promise<RoomServer> {
  return createRoomServer({
    host: '127.0.0.1',
    port: 0,
    database: options.database,
    judge: options.judge,
    runLimits: { timeMs: options.timeLimitMs ?? 5_000, memoryMb: 128, outputBytes: 16 * 1024 },
    webDist: 'web/dist',
    persist: options.persist ?? { debounceMs: 200, maxWaitMs: 1_000 },
    pingIntervalMs: options.pingIntervalMs ?? 30_000,
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    log: testLogger,
  });
}

export async function createRoom(server: RoomServer, language = 'python'): Promise<string> {
  const res = await fetch(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language }),
  });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The stock y-websocket client, as a browser would use it, without BroadcastChannel. */
export function connectClient(server: RoomServer, roomId: string, name: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}`, roomId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { v: String(PROTOCOL_VERSION), name },
  });
  /** Every app message received, each with the time it arrived. */
  const messages: { at: number; message: ServerMessage }[] = [];
  provider.messageHandlers[MessageType.App] = (_encoder, decoder) => {
    messages.push({ at: Date.now(), message: serverMessageSchema.parse(JSON.parse(decoding.readVarString(decoder))) });
  };
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    synced,
    messages,
    send(message: ClientMessage) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.App);
      encoding.writeVarString(encoder, JSON.stringify(message));
      provider.ws?.send(encoding.toUint8Array(encoder));
    },
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `check` holds (polled every 20 ms); rejects after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
