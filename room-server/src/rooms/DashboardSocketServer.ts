import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, type CloseCodeValue, DASHBOARD_SOCKET_PATH, PROTOCOL_VERSION } from '@codestream/shared';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log/logger.ts';
import { DashboardConnection, type HostedRooms } from './DashboardConnection.ts';
import type { RoomSummaries } from './RoomSummaries.ts';

/** A watch message is room ids only: 500 ids take about 12 KB. */
const MAX_DASHBOARD_MESSAGE_BYTES = 64 * 1024;

export interface DashboardSocketServerOptions {
  summaries: RoomSummaries;
  /** Who opens a dashboard, from the upgrade request (cookie, Origin): signed-in accounts only. */
  identify(
    req: IncomingMessage,
  ): Promise<{ userId: string; sessionKey: string | null } | { refuse: CloseCodeValue; reason: string }>;
  /** Of `roomIds`, those the person of `req` hosts now (admins host every room). */
  hostOf(req: IncomingMessage, roomIds: readonly string[]): Promise<HostedRooms>;
  pingIntervalMs: number;
  /** Dashboards open at once for one account; one more is refused with TooManySockets. */
  maxPerPerson: number;
  log: Logger;
}

/**
 * The hosts' dashboard socket (`/ws/dashboard`): the client names the rooms to watch,
 * the server keeps those the person hosts and sends their summaries, then one frame per
 * tick with the rooms that changed. Frames are JSON text, compressed (permessage-deflate:
 * summaries repeat the same keys and mostly the same code).
 */
export class DashboardSocketServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<DashboardConnection>();
  private readonly pingTimer: NodeJS.Timeout;
  private closing?: Promise<void>;

  constructor(private readonly options: DashboardSocketServerOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_DASHBOARD_MESSAGE_BYTES,
      perMessageDeflate: { threshold: 512 },
    });
    this.pingTimer = setInterval(() => {
      for (const connection of this.connections) connection.ping();
    }, options.pingIntervalMs);
  }

  /** Dashboards open now, for metrics. */
  get openCount(): number {
    return this.connections.size;
  }

  static handles(url: string | undefined): boolean {
    return url === DASHBOARD_SOCKET_PATH || (url?.startsWith(`${DASHBOARD_SOCKET_PATH}?`) ?? false);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closing || head.length > 0) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (err) => this.options.log.warn({ err: err.message }, 'dashboard socket error'));
      // Nothing is read until the person is known.
      ws.pause();
      this.accept(ws, req).catch((err) => {
        this.options.log.error({ err }, 'accepting dashboard socket failed');
        closeNow(ws, CloseCode.InternalError, 'internal error');
      });
    });
  }

  private async accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.searchParams.get('v') !== String(PROTOCOL_VERSION)) {
      closeNow(ws, CloseCode.ProtocolMismatch, `protocol version ${PROTOCOL_VERSION} required`);
      return;
    }
    const who = await this.options.identify(req);
    if ('refuse' in who) {
      closeNow(ws, who.refuse, who.reason);
      return;
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    const open = [...this.connections].filter((c) => c.userId === who.userId).length;
    if (open >= this.options.maxPerPerson) {
      closeNow(ws, CloseCode.TooManySockets, 'too many dashboards');
      return;
    }
    const connection = new DashboardConnection(ws, req, who, {
      summaries: this.options.summaries,
      hostOf: this.options.hostOf,
      log: this.options.log,
    });
    this.connections.add(connection);
    ws.once('close', () => this.connections.delete(connection));
    ws.resume();
  }

  /** Closes every dashboard of a person (signed out everywhere, disabled). */
  closeUser(userId: string, code: CloseCodeValue, reason: string): void {
    for (const connection of this.connections) if (connection.userId === userId) connection.close(code, reason);
  }

  /** Closes the dashboards opened with one session (signed out). */
  closeSession(sessionKey: string, code: CloseCodeValue, reason: string): void {
    for (const connection of this.connections) if (connection.sessionKey === sessionKey) connection.close(code, reason);
  }

  /** Someone's hosting may have changed (a role, a participant): every dashboard checks its rooms again. */
  recheckAll(): void {
    for (const connection of this.connections) connection.recheck();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.pingTimer);
      const closed = [...this.connections].map(
        ({ ws }) =>
          new Promise<void>((resolve) =>
            ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()),
          ),
      );
      for (const connection of this.connections) connection.close(CloseCode.ServerShutdown, 'server shutting down');
      await Promise.all(closed);
      await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    })();
    return this.closing;
  }
}

/** Refuses a socket that was never read: our close frame, then cut off a second later. */
function closeNow(ws: WebSocket, code: CloseCodeValue, reason: string): void {
  if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
  setTimeout(() => ws.terminate(), 1_000).unref();
}
