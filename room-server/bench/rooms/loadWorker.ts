import { parentPort } from 'node:worker_threads';
import { DocKeys, MessageType } from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RoomPlan } from './BenchServer.ts';
import type { WorkerAnswer, WorkerRequest } from './loadProtocol.ts';

// One thread of stock y-websocket clients. All sockets of a room live in the same thread,
// so an edit's timestamp and its arrival at a watcher are read from one clock.

/**
 * What an editor appends: its number in this thread, the edit's number, when it was sent
 * and the number of the server its socket is on.
 */
const EDIT = /<e(\d+):(\d+)@([\d.]+)s(\d+)>/g;

const wallClock = () => performance.timeOrigin + performance.now();

interface Client {
  /** The number of the server it is connected to (0 with one server). */
  server: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  synced: boolean;
  drops: number;
}

interface Room {
  clients: Client[];
  sent: number;
}

// Every stock provider adds a process 'exit' listener; hundreds per thread are expected here.
process.setMaxListeners(0);

const rooms: Room[] = [];
let lastSyncedAt = 0;
const latencies: number[] = [];
/** 1 where the latency at the same index crossed from one server to another. */
const crossed: number[] = [];

function connect(plan: RoomPlan, socket: RoomPlan['sockets'][number]): Client {
  const { headers } = socket;
  const doc = new Y.Doc();
  // A browser tab sends its cookie and Origin with the upgrade; ws needs them given.
  class Socket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const provider = new WebsocketProvider(socket.serverUrl ?? plan.serverUrl, plan.room, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    // Or clients in one thread would sync through BroadcastChannel, past the server.
    disableBc: true,
    params: plan.params,
  });
  // CodeStream's own frames (room state, runs) are not the load's business; read and dropped,
  // as the web app's handler would consume them (the reference server sends none).
  provider.messageHandlers[MessageType.App] = (_encoder, decoder) => {
    decoding.readVarString(decoder);
  };
  const client: Client = {
    server: socket.server ?? 0,
    doc,
    provider,
    text: doc.getText(DocKeys.code),
    synced: false,
    drops: 0,
  };
  provider.on('sync', (isSynced: boolean) => {
    if (!isSynced || client.synced) return;
    client.synced = true;
    lastSyncedAt = wallClock();
  });
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'disconnected' && client.synced) client.drops++;
  });
  return client;
}

/** A watcher records the latency of every edit it receives. */
function watch(client: Client): void {
  client.text.observe((event) => {
    if (event.transaction.local) return;
    const now = performance.now();
    for (const change of event.delta) {
      if (typeof change.insert !== 'string') continue;
      for (const match of change.insert.matchAll(EDIT)) {
        latencies.push(now - Number(match[3]));
        crossed.push(Number(match[4]) === client.server ? 0 : 1);
      }
    }
  });
}

async function waitUntil(check: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function handle(request: WorkerRequest): Promise<WorkerAnswer> {
  switch (request.type) {
    case 'connect': {
      for (const plan of request.rooms) {
        rooms.push({ clients: plan.sockets.map((socket) => connect(plan, socket)), sent: 0 });
      }
      const all = rooms.flatMap((room) => room.clients);
      const synced = () => all.filter((client) => client.synced).length;
      await waitUntil(() => synced() === all.length, request.timeoutMs);
      return { type: 'connected', sockets: all.length, synced: synced(), lastSyncedAt };
    }
    case 'type': {
      const timers: NodeJS.Timeout[] = [];
      const intervalMs = 1000 / request.editsPerSecond;
      let editor = 0;
      for (const room of rooms) {
        for (const client of room.clients.slice(request.editors)) watch(client);
        for (const client of room.clients.slice(0, request.editors)) {
          const id = editor++;
          const type = () => {
            room.sent++;
            const end = request.lineBreaks ? '\n' : '';
            const mark = `<e${id}:${room.sent}@${performance.now().toFixed(2)}s${client.server}>`;
            client.text.insert(client.text.length, `${mark}${end}`);
          };
          // Spread over the interval, as people do not type in step.
          const phase = Math.random() * intervalMs;
          timers.push(
            setTimeout(() => {
              type();
              timers.push(setInterval(type, intervalMs));
            }, phase),
          );
        }
      }
      await new Promise((resolve) => setTimeout(resolve, request.durationMs));
      for (const timer of timers) clearTimeout(timer);
      const expected = rooms.reduce((sum, room) => sum + room.sent * (room.clients.length - request.editors), 0);
      await waitUntil(() => latencies.length >= expected, request.graceMs);
      const drops = rooms.reduce((sum, room) => sum + room.clients.reduce((n, client) => n + client.drops, 0), 0);
      const sent = rooms.reduce((sum, room) => sum + room.sent, 0);
      return {
        type: 'typed',
        sent,
        expected,
        latencies: Float64Array.from(latencies),
        crossed: Uint8Array.from(crossed),
        drops,
      };
    }
    case 'close': {
      for (const client of rooms.flatMap((room) => room.clients)) {
        client.provider.destroy();
        client.doc.destroy();
      }
      return { type: 'closed' };
    }
  }
}

parentPort?.postMessage({ type: 'ready' } satisfies WorkerAnswer);
parentPort?.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (answer) => parentPort?.postMessage(answer),
    (err: unknown) => parentPort?.postMessage({ type: 'failed', message: String(err) } satisfies WorkerAnswer),
  );
});
