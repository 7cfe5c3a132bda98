import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CloseCode,
  type CloseCodeValue,
  PROTOCOL_VERSION,
  ROOM_ID_PATTERN,
  ROOM_SOCKET_PATH,
} from '@codestream/shared';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log/logger.ts';
import { NotesDoc } from './NotesDoc.ts';
import type { NotesRegistry } from './NotesRegistry.ts';
import { MalformedMessageError, type Room, type RoomPeer } from './Room.ts';
import type { RoomRegistry } from './RoomRegistry.ts';
import { type RoomIdentity, SocketConnection, type SocketLimits } from './SocketConnection.ts';

export type { RoomIdentity } from './SocketConnection.ts';

/** The answer of `authorize`: who is joining, or why they may not. */
export type RoomAuthorization =
  /** `accessEndsAt`: when access ends by itself (a guest's invite expires); the socket is checked again then. */
  | (RoomIdentity & { sessionKey: string | null; accessEndsAt?: number | null })
  | { refuse: CloseCodeValue; reason: string };

export interface RoomSocketServerOptions extends SocketLimits {
  registry: RoomRegistry;
  /** Rooms' private notes, for sockets opened with `doc=notes` (hosts only). */
  notes: NotesRegistry;
  /** Decides, from the upgrade request (cookie, Origin), who may join `roomId`. */
  authorize(req: IncomingMessage, roomId: string): Promise<RoomAuthorization>;
  pingIntervalMs: number;
  /** Sockets admitted at once to one room (MAX_SOCKETS_PER_ROOM); more are refused with RoomFull. */
  maxSocketsPerRoom: number;
  /** Sockets admitted at once for one account or guest session (MAX_SOCKETS_PER_PERSON). */
  maxSocketsPerPerson: number;
  log: Logger;
}

/**
 * The WebSocket side of rooms: validates the upgrade, joins the room, feeds frames to
 * it, drops sockets that stop answering pings, and takes access back when it changes.
 */
export class RoomSocketServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<SocketConnection>();
  /** Admitted sockets per room id and per person (see personKey), counted until they close. */
  private readonly perRoom = new Map<string, number>();
  private readonly perPerson = new Map<string, number>();
  private readonly pingTimer: NodeJS.Timeout;
  private closing?: Promise<void>;
  /** Counts access changes, so an authorisation that overlapped one is done again. */
  private accessEpoch = 0;

  constructor(private readonly options: RoomSocketServerOptions) {
    // Frames up to twice the limit are read so an oversized one can be answered with
    // our own close code; ws itself cuts off anything larger (close code 1009).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes * 2 });
    this.pingTimer = setInterval(() => this.pingAll(), options.pingIntervalMs);
  }

  /** Sockets open now (joined or still being let in), for metrics. */
  get openCount(): number {
    return this.connections.size;
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
    if (head.length > 0) {
      // A client must wait for the server's answer before sending frames (RFC 6455,
      // 4.1); only a flood sends them with the request, and they would be held unread.
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', () => socket.destroy());
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = this.open(ws, req);
      this.accept(connection, socket).catch((err) => {
        connection.log.error({ err }, 'accepting room socket failed');
        connection.close(CloseCode.InternalError, 'internal error');
      });
    });
  }

  private open(ws: WebSocket, req: IncomingMessage): SocketConnection {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let roomId = '';
    try {
      roomId = decodeURIComponent(url.pathname.slice(ROOM_SOCKET_PATH.length + 1));
    } catch {
      // A malformed escape is no room id; the pattern check below refuses it.
    }
    const connection = new SocketConnection(ws, req, roomId, this.options, this.options.log);
    this.connections.add(connection);
    ws.once('close', () => this.connections.delete(connection));
    return connection;
  }

  private async accept(connection: SocketConnection, socket: Duplex): Promise<void> {
    const { req, roomId, ws } = connection;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.searchParams.get('v') !== String(PROTOCOL_VERSION)) {
      connection.close(CloseCode.ProtocolMismatch, `protocol version ${PROTOCOL_VERSION} required`);
      return;
    }
    if (!ROOM_ID_PATTERN.test(roomId)) {
      connection.close(CloseCode.RoomNotFound, 'room not found');
      return;
    }

    let identity: RoomAuthorization;
    try {
      identity = await this.authorizeFresh(connection);
    } catch (err) {
      connection.log.error({ err }, 'authorizing room socket failed');
      connection.close(CloseCode.InternalError, 'internal error');
      return;
    }
    if ('refuse' in identity) {
      connection.close(identity.refuse, identity.reason);
      return;
    }
    if (!connection.isOpen) return;
    // A room's notes are its hosts' alone: anyone else is refused before anything is sent.
    const wantsNotes = url.searchParams.get('doc') === 'notes';
    if (wantsNotes && identity.role !== 'host') {
      connection.close(CloseCode.Forbidden, 'private notes are for the room’s hosts');
      return;
    }
    connection.identity = {
      id: identity.id,
      userId: identity.userId,
      name: identity.name,
      role: identity.role,
      observer: identity.observer === true,
    };
    connection.sessionKey = identity.sessionKey;
    if (!this.admit(connection)) return;

    const { registry, notes } = this.options;
    const join = (): Promise<Room | NotesDoc | null> =>
      wantsNotes ? notes.join(roomId, peer) : registry.join(roomId, peer);
    const leave = (joined: Room | NotesDoc) =>
      joined instanceof NotesDoc ? notes.leave(joined, peer) : registry.leave(joined, peer);
    let room: Room | NotesDoc | null = null;
    const peer: RoomPeer = {
      id: identity.id,
      name: identity.name,
      userId: identity.userId,
      role: identity.role,
      observer: identity.observer === true,
      socketId: connection.id,
      send: (frame) => connection.send(frame),
    };
    this.checkAgainAt(connection, identity.accessEndsAt);
    ws.once('close', (code) => {
      clearTimeout(connection.recheckTimer);
      if (room) leave(room);
      connection.log.info({ code }, 'room socket closed');
    });

    // What joining sends (sync, presence, room state) leaves in one write, not one per frame.
    socket.cork();
    try {
      room = await join();
    } catch (err) {
      connection.log.error({ err }, 'loading room failed');
      connection.close(CloseCode.InternalError, 'room could not be loaded');
      return;
    } finally {
      socket.uncork();
    }
    if (!room) {
      connection.close(CloseCode.RoomNotFound, 'room not found');
      return;
    }
    if (ws.readyState === WebSocket.CLOSED) {
      // Closed while loading: the close handler ran before the room was known.
      leave(room);
      return;
    }
    const joined = room;
    connection.start((frame, isBinary) => this.deliver(connection, joined, peer, frame, isBinary));
    connection.log.info(
      { userId: identity.userId, role: identity.role, doc: wantsNotes ? 'notes' : 'code' },
      'room socket joined',
    );
  }

  /**
   * Counts the socket against its room's and its person's limits, or closes it when either
   * is full. Counted from here (before the room loads) so a burst of joins cannot overshoot.
   */
  private admit(connection: SocketConnection): boolean {
    const { roomId } = connection;
    const person = personKey(connection);
    if ((this.perRoom.get(roomId) ?? 0) >= this.options.maxSocketsPerRoom) {
      connection.log.warn({ limit: this.options.maxSocketsPerRoom }, 'room full: socket refused');
      connection.close(CloseCode.RoomFull, 'room full');
      return false;
    }
    if (person && (this.perPerson.get(person) ?? 0) >= this.options.maxSocketsPerPerson) {
      connection.log.warn(
        { userId: connection.identity?.userId, limit: this.options.maxSocketsPerPerson },
        'too many sockets for one person: socket refused',
      );
      connection.close(CloseCode.TooManySockets, 'too many sockets');
      return false;
    }
    const add = (counts: Map<string, number>, key: string, delta: number) => {
      const next = (counts.get(key) ?? 0) + delta;
      if (next > 0) counts.set(key, next);
      else counts.delete(key);
    };
    add(this.perRoom, roomId, 1);
    if (person) add(this.perPerson, person, 1);
    connection.ws.once('close', () => {
      add(this.perRoom, roomId, -1);
      if (person) add(this.perPerson, person, -1);
    });
    return true;
  }

  private deliver(
    connection: SocketConnection,
    room: Room | NotesDoc,
    peer: RoomPeer,
    frame: Uint8Array,
    isBinary: boolean,
  ) {
    if (frame.byteLength > this.options.maxMessageBytes) {
      connection.close(CloseCode.MessageTooBig, 'message too big');
      return;
    }
    if (!isBinary) {
      connection.close(CloseCode.MalformedMessage, 'binary frames only');
      return;
    }
    try {
      room.receive(peer, frame);
    } catch (err) {
      if (err instanceof MalformedMessageError) {
        connection.log.warn({ reason: err.message }, 'refused frame');
        connection.close(err.closeCode, err.closeReason);
        return;
      }
      connection.log.error({ err }, 'handling frame failed');
      connection.close(CloseCode.InternalError, 'internal error');
    }
  }

  /**
   * Authorises the socket, again if someone's access changed meanwhile: the change closed
   * or re-checked the sockets it knew of, and this one was not among them yet.
   */
  private async authorizeFresh(connection: SocketConnection): Promise<RoomAuthorization> {
    let answer: RoomAuthorization;
    let attempts = 0;
    let epoch: number;
    do {
      epoch = this.accessEpoch;
      answer = await this.options.authorize(connection.req, connection.roomId);
      attempts++;
    } while (epoch !== this.accessEpoch && attempts < 3);
    return answer;
  }

  private pingAll(): void {
    // A socket cut off for not answering fires 'close', which removes its cursors.
    for (const connection of this.connections) connection.ping();
  }

  /** Closes every socket of a room (code and notes) and resolves once they are closed. */
  async closeRoom(roomId: string, code: CloseCodeValue, reason: string): Promise<void> {
    this.accessEpoch++;
    const affected = [...this.connections].filter((connection) => connection.roomId === roomId);
    const closed = affected.map(
      ({ ws }) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
        }),
    );
    for (const connection of affected) connection.close(code, reason);
    await Promise.all(closed);
  }

  /** Closes every socket of a person (account disabled, every session ended). */
  closeUser(userId: string, code: CloseCodeValue, reason: string): void {
    this.accessEpoch++;
    for (const connection of this.connections) {
      if (connection.identity?.userId === userId) connection.close(code, reason);
    }
  }

  /** Closes every socket opened with the session whose cookie value is `sessionKey` (signed out). */
  closeSession(sessionKey: string, code: CloseCodeValue, reason: string): void {
    this.accessEpoch++;
    for (const connection of this.connections) {
      if (connection.sessionKey === sessionKey) connection.close(code, reason);
    }
  }

  /**
   * Asks `authorize` again, with the cookie each socket was opened with, for every socket
   * of a person whose role or rooms changed; sockets no longer allowed are closed.
   */
  recheckUser(userId: string): Promise<void> {
    return this.recheck((c) => c.identity?.userId === userId);
  }

  /** The same for every socket of a room whose participants changed (a role, a removal). */
  recheckRoom(roomId: string): Promise<void> {
    return this.recheck((c) => c.roomId === roomId);
  }

  /** The same for every socket (changes made on other servers may have been missed). */
  recheckAll(): Promise<void> {
    return this.recheck(() => true);
  }

  /**
   * Sockets no longer allowed close with the refusal; sockets whose room role changed close
   * with RoleChanged, so their client reconnects and is told the new role.
   */
  private async recheck(matches: (connection: SocketConnection) => boolean): Promise<void> {
    this.accessEpoch++;
    const affected = [...this.connections].filter((c) => matches(c) && c.isOpen);
    await Promise.all(affected.map((connection) => this.recheckOne(connection)));
  }

  /** Closes the socket if its access is gone or its role changed; else re-arms its expiry. */
  private async recheckOne(connection: SocketConnection): Promise<void> {
    try {
      const answer = await this.options.authorize(connection.req, connection.roomId);
      if ('refuse' in answer) connection.close(answer.refuse, answer.reason);
      else if (answer.role !== connection.identity?.role) connection.close(CloseCode.RoleChanged, 'role changed');
      else this.checkAgainAt(connection, answer.accessEndsAt);
    } catch (err) {
      // Access cannot be confirmed: err on the side of closing (the client reconnects).
      connection.log.error({ err }, 're-checking room access failed');
      connection.close(CloseCode.InternalError, 'internal error');
    }
  }

  /** Checks the socket again when its access ends by itself (an invite expiring), not at its next connect. */
  private checkAgainAt(connection: SocketConnection, endsAt: number | null | undefined): void {
    clearTimeout(connection.recheckTimer);
    if (endsAt === null || endsAt === undefined) return;
    // setTimeout waits at most 2^31-1 ms (24.8 days); a longer wait is re-armed then.
    const delay = Math.min(Math.max(0, endsAt - Date.now()) + 50, 2 ** 31 - 1);
    connection.recheckTimer = setTimeout(() => void this.recheckOne(connection), delay);
    connection.recheckTimer.unref();
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
          }),
      );
      for (const connection of this.connections) connection.close(CloseCode.ServerShutdown, 'server shutting down');
      await Promise.all(closed);
      await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    })();
    return this.closing;
  }
}

/** Whom a socket counts against: the account, or for a guest the session (a guest has no id). */
function personKey(connection: SocketConnection): string | null {
  if (connection.identity?.userId) return `user:${connection.identity.userId}`;
  return connection.sessionKey ? `session:${connection.sessionKey}` : null;
}
