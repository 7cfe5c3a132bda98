import { randomBytes } from 'node:crypto';
import {
  type ClientMessage,
  DASHBOARD_SOCKET_PATH,
  type DashboardServerMessage,
  dashboardServerMessageSchema,
  MessageType,
  PROTOCOL_VERSION,
  type PublicUser,
  ROOM_SOCKET_PATH,
  type Role,
  type RoomRole,
  type RoomSummary,
  type ServerMessage,
  serverMessageSchema,
} from '@codestream/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { hashPassword } from '../src/accounts/passwords.ts';
import type { RoomServer } from '../src/createRoomServer.ts';
import type { Database } from '../src/database.ts';

// Clients of a running room server, as browsers use it: accounts, cookie sessions,
// rooms, invitations and y-websocket connections. No test-runner imports, so the
// benchmarks use them too.

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
}

/** An account straight in the database (as `npm run create-admin` would make one). */
export async function createUser(
  database: Database,
  options: { role: Role; name?: string; email?: string; password?: string },
): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  const name = options.name ?? `${options.role}-${suffix}`;
  const email = options.email ?? `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}-${suffix}@example.org`;
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const record = await database.users.create({
    email,
    name,
    role: options.role,
    passwordHash: await hashPassword(password),
  });
  return { id: record._id, email, password, name, role: options.role };
}

/** A browser-like client: keeps cookies and sends this site's Origin, as a page of it would. */
export class Session {
  private readonly cookies = new Map<string, string>();
  user: PublicUser | null = null;

  constructor(readonly server: RoomServer) {}

  /** The same browser (same cookies) talking to another server, e.g. after a restart. */
  on(server: RoomServer): Session {
    const copy = new Session(server);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    copy.user = this.user;
    return copy;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader);
    if (!headers.has('origin')) headers.set('origin', this.server.url);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const res = await fetch(`${this.server.url}${path}`, { ...init, headers, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (!name) continue;
      if (!value || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async signIn(email: string, password: string): Promise<this> {
    const res = await this.fetch('/api/auth/login', { method: 'POST', json: { email, password } });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    this.user = ((await res.json()) as { user: PublicUser }).user;
    return this;
  }
}

export async function createRoom(owner: Session, language = 'python', problemSlug?: string): Promise<string> {
  const res = await owner.fetch('/api/rooms', {
    method: 'POST',
    json: { language, ...(problemSlug ? { problemSlug } : {}) },
  });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** An invitation link token for `roomId`, made by its owner. */
export async function invite(owner: Session, roomId: string, allowGuests = false, role?: RoomRole): Promise<string> {
  const res = await owner.fetch(`/api/rooms/${roomId}/invites`, {
    method: 'POST',
    json: { allowGuests, ...(role ? { role } : {}) },
  });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Joins `roomId` through an invitation: as the session's account, or as a guest called `guestName`. */
export async function join(session: Session, roomId: string, token: string, guestName?: string): Promise<Response> {
  return session.fetch(`/api/rooms/${roomId}/join`, {
    method: 'POST',
    json: { invite: token, ...(guestName ? { name: guestName } : {}) },
  });
}

/** A WebSocket that sends the session cookie and this site's Origin, like a browser tab. */
function socketClassFor(session: Session) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: session.cookieHeader, origin: session.server.url } });
    }
  };
}

/**
 * The stock y-websocket client, as a browser would use it, without BroadcastChannel;
 * `params` adds to the socket's query (`{ doc: 'notes' }` for a room's private notes).
 */
export function connectClient(
  server: RoomServer,
  roomId: string,
  session: Session,
  params: Record<string, string> = {},
) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}`, roomId, doc, {
    WebSocketPolyfill: socketClassFor(session) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { v: String(PROTOCOL_VERSION), ...params },
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

/**
 * Opens a raw room socket as `session` (from `origin`) and resolves 'open' when the room
 * answers, or with the close code when it refuses.
 */
export function socketOutcome(
  session: Session,
  roomId: string,
  origin = session.server.url,
  query = '',
): Promise<number | 'open'> {
  const url = `${session.server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}${query}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { origin, cookie: session.cookieHeader } });
    ws.once('message', () => {
      resolve('open');
      ws.close();
    });
    ws.once('close', (code) => resolve(code));
    ws.once('error', reject);
  });
}

/** A raw room socket kept open (`socketOutcome` closes it at once). */
export interface OpenRoomSocket {
  closed: Promise<number>;
  isOpen(): boolean;
  close(): void;
}

/** A raw room socket of `session` on its server, once its room answered (rejects when refused). */
export function openRoomSocket(session: Session, roomId: string): Promise<OpenRoomSocket> {
  const url = `${session.server.url.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
  const ws = new WebSocket(url, { headers: { origin: session.server.url, cookie: session.cookieHeader } });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('message', () =>
      resolve({ closed, isOpen: () => ws.readyState === WebSocket.OPEN, close: () => ws.close() }),
    );
    ws.once('close', (code) => reject(new Error(`refused with ${code}`)));
  });
}

/** The socket's close code, once it closes within `ms`. */
export function closedWithin(socket: OpenRoomSocket, ms = 5_000): Promise<number> {
  return Promise.race([
    socket.closed,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error('socket still open')), ms)),
  ]);
}

/**
 * A hosts' dashboard socket as the web page opens it: every raw text frame is kept (to
 * look for what must never be sent) with the time it arrived, and parsed.
 */
export function connectDashboard(session: Session) {
  const url = `${session.server.url.replace('http', 'ws')}${DASHBOARD_SOCKET_PATH}?v=${PROTOCOL_VERSION}`;
  const ws = new WebSocket(url, {
    headers: { cookie: session.cookieHeader, origin: session.server.url },
    perMessageDeflate: true,
  });
  const frames: { at: number; raw: string; message: DashboardServerMessage }[] = [];
  let closeCode: number | null = null;
  ws.on('message', (data) => {
    const raw = data.toString();
    frames.push({ at: Date.now(), raw, message: dashboardServerMessageSchema.parse(JSON.parse(raw)) });
  });
  ws.on('close', (code) => {
    closeCode = code;
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    opened,
    get closeCode() {
      return closeCode;
    },
    async watch(roomIds: string[]) {
      await opened;
      ws.send(JSON.stringify({ type: 'watch', roomIds }));
    },
    /** Every summary of `roomId` received, oldest first, with the time it arrived. */
    summariesOf(roomId: string) {
      return frames.flatMap(({ at, message }) =>
        message.type === 'summaries'
          ? message.summaries.filter((s) => s.roomId === roomId).map((s) => ({ at, ...s }))
          : [],
      );
    },
    latest(roomId: string): RoomSummary | undefined {
      return this.summariesOf(roomId).at(-1);
    },
    refused() {
      return frames.flatMap(({ message }) => (message.type === 'refused' ? message.rooms : []));
    },
    close() {
      ws.close();
    },
  };
}

/**
 * A raw room socket of `session` (on its server) that asks for the whole doc and keeps
 * every frame it receives, byte for byte: to check what a socket is never sent.
 * Terminate `socket` after the test.
 */
export function recordRoomSocket(session: Session, roomId: string): { frames: Buffer[]; socket: WebSocket } {
  const frames: Buffer[] = [];
  const { url: base } = session.server;
  const url = `${base.replace('http', 'ws')}${ROOM_SOCKET_PATH}/${roomId}?v=${PROTOCOL_VERSION}`;
  const socket = new WebSocket(url, { headers: { origin: base, cookie: session.cookieHeader } });
  socket.on('message', (data: Buffer) => frames.push(data));
  socket.on('open', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    socket.send(encoding.toUint8Array(encoder));
  });
  return { frames, socket };
}
