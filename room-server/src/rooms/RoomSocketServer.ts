import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CloseCode,
  type CloseCodeValue,
  PROTOCOL_VERSION,
  ROOM_ID_PATTERN,
  ROOM_SOCKET_PATH,
} from '@codestream/shared';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger.ts';
import { MalformedMessageError, type Room, type RoomPeer } from './Room.ts';
import type { RoomRegistry } from './RoomRegistry.ts';

/** Who is joining: a person with an account, or a guest (userId null). */
export interface RoomIdentity {
  userId: string | null;
  name: string;
}

export interface RoomSocketServerOptions {
  registry: RoomRegistry;
  /** Decides, from the upgrade request (cookie, Origin), who may join `roomId`. */
  authorize(req: IncomingMessage, roomId: string): Promise<RoomIdentity | { refuse: CloseCodeValue; reason: string }>;
  maxMessageBytes: number;
  pingIntervalMs: number;
  log: Logger;
}

interface Connection {
  ws: WebSocket;
  alive: boolean;
  userId: string | null;
}

/**
 * The WebSocket side of rooms: validates the upgrade, joins the room, feeds frames to
 * it, and drops sockets that stop answering pings.
 */
export class RoomSocketServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly pingTimer: NodeJS.Timeout;
  private closing?: Promise<void>;

  constructor(private readonly options: RoomSocketServerOptions) {
    // Frames up to twice the limit are read so an oversized one can be answered with
    // our own close code; ws itself cuts off anything larger (close code 1009).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes * 2 });
    this.pingTimer = setInterval(() => this.pingAll(), options.pingIntervalMs);
  }

  /** Whether this server answers upgrades for `url`. */
  static handles(url: string | undefined): boolean {
    return url?.startsWith(`${ROOM_SOCKET_PATH}/`) ?? false;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, req));
  }

  private async accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const roomId = decodeURIComponent(url.pathname.slice(ROOM_SOCKET_PATH.length + 1));
    if (url.searchParams.get('v') !== String(PROTOCOL_VERSION)) {
      ws.close(CloseCode.ProtocolMismatch, `protocol version ${PROTOCOL_VERSION} required`);
      return;
    }
    if (!ROOM_ID_PATTERN.test(roomId)) {
      ws.close(CloseCode.RoomNotFound, 'room not found');
      return;
    }

    // Frames that arrive while the room is authorized and loaded wait here, so sync step 1
    // is answered from the stored doc, never from an empty one.
    const pending: [RawData, boolean][] = [];
    let room: Room | null = null;
    let peer: RoomPeer | null = null;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!room || !peer) pending.push([data, isBinary]);
      else this.deliver(ws, room, peer, data, isBinary);
    });

    let identity: Awaited<ReturnType<RoomSocketServerOptions['authorize']>>;
    try {
      identity = await this.options.authorize(req, roomId);
    } catch (err) {
      this.options.log.error({ err, roomId }, 'authorizing room socket failed');
      ws.close(CloseCode.InternalError, 'internal error');
      return;
    }
    if ('refuse' in identity) {
      ws.close(identity.refuse, identity.reason);
      return;
    }

    const connection: Connection = { ws, alive: true, userId: identity.userId };
    this.connections.add(connection);
    ws.on('pong', () => {
      connection.alive = true;
    });

    const joining: RoomPeer = {
      name: identity.name,
      userId: identity.userId,
      send: (frame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      },
    };
    peer = joining;
    ws.on('error', (err) => this.options.log.warn({ err, roomId }, 'room socket error'));
    ws.once('close', () => {
      this.connections.delete(connection);
      if (room) this.options.registry.leave(room, joining);
    });

    try {
      room = await this.options.registry.join(roomId, joining);
    } catch (err) {
      this.options.log.error({ err, roomId }, 'loading room failed');
      ws.close(CloseCode.InternalError, 'room could not be loaded');
      return;
    }
    if (!room) {
      ws.close(CloseCode.RoomNotFound, 'room not found');
      return;
    }
    if (ws.readyState !== WebSocket.OPEN) {
      // Closed while loading: the close handler ran before the room was known.
      this.options.registry.leave(room, joining);
      return;
    }
    for (const [data, isBinary] of pending.splice(0)) this.deliver(ws, room, joining, data, isBinary);
  }

  private deliver(ws: WebSocket, room: Room, peer: RoomPeer, data: RawData, isBinary: boolean): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    const frame = toUint8Array(data);
    if (frame.byteLength > this.options.maxMessageBytes) {
      ws.close(CloseCode.MessageTooBig, 'message too big');
      return;
    }
    if (!isBinary) {
      ws.close(CloseCode.MalformedMessage, 'binary frames only');
      return;
    }
    try {
      room.receive(peer, frame);
    } catch (err) {
      if (err instanceof MalformedMessageError) {
        this.options.log.warn({ roomId: room.id, reason: err.message }, 'malformed frame');
        ws.close(CloseCode.MalformedMessage, 'malformed message');
        return;
      }
      this.options.log.error({ err, roomId: room.id }, 'handling frame failed');
      ws.close(CloseCode.InternalError, 'internal error');
    }
  }

  private pingAll(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        // No pong since the last ping: the peer is gone. terminate() fires 'close',
        // which removes its cursors from the room.
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }

  /** Closes every socket of a person (their account was disabled). */
  closeUser(userId: string, code: CloseCodeValue, reason: string): void {
    for (const connection of this.connections) {
      if (connection.userId === userId) connection.ws.close(code, reason);
    }
  }

  /** Closes every socket with ServerShutdown. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.pingTimer);
      const closed = [...this.connections].map(
        ({ ws }) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.close(CloseCode.ServerShutdown, 'server shutting down');
            setTimeout(() => {
              ws.terminate();
              resolve();
            }, 2_000).unref();
          }),
      );
      await Promise.all(closed);
      await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    })();
    return this.closing;
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
