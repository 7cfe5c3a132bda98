import type { IncomingMessage } from 'node:http';
import {
  CloseCode,
  type CloseCodeValue,
  type DashboardServerMessage,
  dashboardClientMessageSchema,
  type RoomSummary,
} from '@codestream/shared';
import { type RawData, WebSocket } from 'ws';
import type { Logger } from '../log/logger.ts';
import type { RoomSummaries, SummaryWatcher } from './RoomSummaries.ts';

/** Bytes waiting to be sent above which a dashboard is sent nothing more until it reads. */
export const DASHBOARD_MAX_BUFFERED_BYTES = 256 * 1024;

export interface DashboardConnectionOptions {
  summaries: RoomSummaries;
  /** Of `roomIds`, those this person hosts now; the others, with why not. */
  hostOf(req: IncomingMessage, roomIds: readonly string[]): Promise<HostedRooms>;
  log: Logger;
}

export interface HostedRooms {
  hosted: string[];
  refused: { roomId: string; reason: 'not-host' | 'not-found' }[];
}

/**
 * One host's dashboard socket. Summaries offered meanwhile wait in a map keyed by room,
 * so a dashboard that reads slowly holds at most one summary per watched room (the
 * latest): intermediate ones are dropped, never queued.
 */
export class DashboardConnection implements SummaryWatcher {
  readonly userId: string;
  readonly sessionKey: string | null;
  private readonly pending = new Map<string, RoomSummary>();
  private watched: string[] = [];
  /** A watch being authorised, and the latest one asked meanwhile (earlier ones are dropped). */
  private watching: Promise<void> | null = null;
  private nextWatch: string[] | null = null;
  private awaitingPong = false;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly req: IncomingMessage,
    who: { userId: string; sessionKey: string | null },
    private readonly options: DashboardConnectionOptions,
  ) {
    this.userId = who.userId;
    this.sessionKey = who.sessionKey;
    ws.on('message', this.onMessage);
    ws.on('pong', () => {
      this.awaitingPong = false;
    });
    ws.once('close', () => {
      this.closed = true;
      this.options.summaries.unwatch(this);
      this.pending.clear();
    });
  }

  offer(summary: RoomSummary): void {
    if (!this.closed) this.pending.set(summary.roomId, summary);
  }

  flush(): void {
    if (this.closed || this.pending.size === 0) return;
    if (this.ws.bufferedAmount > DASHBOARD_MAX_BUFFERED_BYTES) return;
    const summaries = [...this.pending.values()];
    this.pending.clear();
    this.send({ type: 'summaries', now: Date.now(), summaries });
  }

  /** Pings the client; a socket that left the last ping unanswered is cut off instead. */
  ping(): void {
    if (this.awaitingPong) {
      this.ws.terminate();
      return;
    }
    this.awaitingPong = true;
    this.ws.ping();
  }

  close(code: CloseCodeValue, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.options.summaries.unwatch(this);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), 1_000).unref();
  }

  /** Checks the watched rooms again (a host removed, a role changed): rooms no longer hosted are dropped. */
  recheck(): void {
    this.requestWatch(this.nextWatch ?? this.watched);
  }

  private send(message: DashboardServerMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private readonly onMessage = (data: RawData, isBinary: boolean): void => {
    if (this.closed) return;
    let parsed: ReturnType<typeof dashboardClientMessageSchema.safeParse>;
    try {
      parsed = dashboardClientMessageSchema.safeParse(isBinary ? undefined : JSON.parse(data.toString()));
    } catch {
      parsed = dashboardClientMessageSchema.safeParse(undefined);
    }
    if (!parsed.success) {
      this.close(CloseCode.MalformedMessage, 'malformed message');
      return;
    }
    this.requestWatch([...new Set(parsed.data.roomIds)]);
  };

  private requestWatch(roomIds: string[]): void {
    if (this.watching) {
      this.nextWatch = roomIds;
      return;
    }
    this.watching = this.watch(roomIds)
      .catch((err) => {
        this.options.log.error({ err, userId: this.userId }, 'watching rooms failed');
        this.close(CloseCode.InternalError, 'internal error');
      })
      .finally(() => {
        this.watching = null;
        const next = this.nextWatch;
        this.nextWatch = null;
        if (next && !this.closed) this.requestWatch(next);
      });
  }

  private async watch(roomIds: string[]): Promise<void> {
    const { hosted, refused } = await this.options.hostOf(this.req, roomIds);
    if (this.closed) return;
    const keep = new Set(hosted);
    const dropped = this.watched.filter((roomId) => !keep.has(roomId));
    this.options.summaries.unwatch(this, dropped);
    for (const roomId of dropped) this.pending.delete(roomId);
    const known = new Set(this.watched);
    this.watched = hosted;
    if (refused.length > 0) this.send({ type: 'refused', rooms: refused });
    await this.options.summaries.watch(
      this,
      hosted.filter((roomId) => !known.has(roomId)),
    );
  }
}
