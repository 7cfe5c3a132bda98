import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import type { CursorEntry, PeerCursors } from '../rooms/PeerCursors.ts';
import { RemoteOrigin } from '../rooms/remoteOrigin.ts';
import { clusterKeys } from './clusterKeys.ts';

/** Cursor messages on a room's channel (other messages there belong to other parts and are left alone). */
const cursorMessageSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('cursors'),
    s: z.string(),
    entries: z.array(
      z.object({
        clientId: z.number().int().nonnegative(),
        clock: z.number().int().nonnegative(),
        // Stamped and checked by the server that relays it (AwarenessGuard).
        state: z.unknown(),
        owner: z
          .object({ id: z.string(), role: z.enum(['host', 'editor', 'viewer']), observer: z.boolean() })
          .nullable(),
      }),
    ),
  }),
  z.object({ t: z.literal('cursors-query'), s: z.string() }),
]);
type CursorMessage = { t: 'cursors'; s: string; entries: CursorEntry[] } | { t: 'cursors-query'; s: string };

const REMOTE = new RemoteOrigin(null, null);

export interface ClusterAwarenessOptions {
  command: Redis;
  subscriber: Redis;
  /** This process's name (the one its heartbeat and its relayed cursors carry). */
  origin: string;
  /** A server silent this long is gone: its peers' cursors are removed (SERVER_HEARTBEAT_MS). */
  heartbeatMs: number;
  log: Logger;
}

/**
 * Cursors across room-servers, over each room's pub/sub channel (lossy and fine for
 * cursors: each message carries whole states, the newest clock wins, and a server that
 * (re)subscribes asks the others for theirs). Every change to the cursors of this
 * server's peers is published with who owns each, stamped by this server (AwarenessGuard);
 * other servers show them as they show their own (PeerCursors.applyRemote).
 *
 * A server that dies cannot remove its peers' cursors: each server keeps a heartbeat key
 * alive (renewed every third of `heartbeatMs`), and every half of it the others remove
 * the cursors of servers whose key is gone: within about 1.5 × `heartbeatMs`.
 */
export class ClusterAwareness {
  /** By channel. */
  private readonly rooms = new Map<string, { roomId: string; cursors: PeerCursors; detach: () => void }>();
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(private readonly options: ClusterAwarenessOptions) {
    options.subscriber.on('message', this.onMessage);
    // ioredis subscribes again after a reconnect; what was missed meanwhile is asked for.
    options.subscriber.on('ready', this.onResubscribed);
    const beat = () => void this.beat();
    const sweep = () => void this.sweep();
    this.timers.push(
      setInterval(beat, Math.max(50, options.heartbeatMs / 3)),
      setInterval(sweep, options.heartbeatMs / 2),
    );
    for (const timer of this.timers) timer.unref();
  }

  /** Starts the heartbeat (before any room is shared). */
  async start(): Promise<void> {
    await this.beat();
  }

  /** Shares the room's cursors with the other servers that have it loaded. */
  async attach(roomId: string, cursors: PeerCursors): Promise<void> {
    const onUpdate = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin instanceof RemoteOrigin) return;
      const entries = cursors.localEntries([...added, ...updated, ...removed]);
      if (entries.length > 0) this.publish(roomId, { t: 'cursors', s: this.options.origin, entries });
    };
    cursors.awareness.on('update', onUpdate);
    this.rooms.set(clusterKeys.channel(roomId), {
      roomId,
      cursors,
      detach: () => cursors.awareness.off('update', onUpdate),
    });
    await this.options.subscriber.subscribe(clusterKeys.channel(roomId));
    this.publish(roomId, { t: 'cursors-query', s: this.options.origin });
  }

  /** Stops sharing (the room unloads: its peers left, and their cursors were removed and published). */
  detach(roomId: string): void {
    const room = this.rooms.get(clusterKeys.channel(roomId));
    if (!room) return;
    room.detach();
    this.rooms.delete(clusterKeys.channel(roomId));
    this.options.subscriber.unsubscribe(clusterKeys.channel(roomId)).catch((err) => {
      this.options.log.warn({ err, roomId }, 'unsubscribing from a room channel failed');
    });
  }

  /** Stops the heartbeat and removes it (the others drop this server's cursors at once). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.options.subscriber.off('message', this.onMessage);
    this.options.subscriber.off('ready', this.onResubscribed);
    await this.options.command.del(clusterKeys.heartbeat(this.options.origin)).catch(() => {});
  }

  private publish(roomId: string, message: CursorMessage): void {
    this.options.command.publish(clusterKeys.channel(roomId), JSON.stringify(message)).catch((err) => {
      // Cursors are sent whole again at the next move; a lost one is only a late cursor.
      this.options.log.warn({ err, roomId }, 'publishing cursors failed');
    });
  }

  private readonly onMessage = (channel: string, text: string): void => {
    const room = this.rooms.get(channel);
    if (!room) return;
    const { roomId } = room;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.options.log.error({ roomId }, 'a room channel message is not JSON');
      return;
    }
    const type = (raw as { t?: unknown } | null)?.t;
    if (type !== 'cursors' && type !== 'cursors-query') return;
    const parsed = cursorMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.log.error({ roomId, issue: parsed.error.issues[0]?.message }, 'invalid cursor message');
      return;
    }
    const message = parsed.data as CursorMessage;
    if (message.s === this.options.origin) return;
    if (message.t === 'cursors-query') {
      const entries = room.cursors.localEntries();
      if (entries.length > 0) this.publish(roomId, { t: 'cursors', s: this.options.origin, entries });
      return;
    }
    room.cursors.applyRemote(message.s, message.entries, REMOTE);
  };

  private readonly onResubscribed = (): void => {
    for (const { roomId, ...room } of this.rooms.values()) {
      this.publish(roomId, { t: 'cursors-query', s: this.options.origin });
      const entries = room.cursors.localEntries();
      if (entries.length > 0) this.publish(roomId, { t: 'cursors', s: this.options.origin, entries });
    }
  };

  private async beat(): Promise<void> {
    if (this.closed) return;
    try {
      await this.options.command.set(clusterKeys.heartbeat(this.options.origin), '1', 'PX', this.options.heartbeatMs);
    } catch (err) {
      this.options.log.warn({ err }, 'renewing this server’s heartbeat failed');
    }
  }

  /** Removes the cursors of servers whose heartbeat ended. */
  private async sweep(): Promise<void> {
    const servers = new Set<string>();
    for (const { cursors } of this.rooms.values()) for (const server of cursors.remoteServers()) servers.add(server);
    for (const server of servers) {
      try {
        if (await this.options.command.exists(clusterKeys.heartbeat(server))) continue;
      } catch (err) {
        // Redis away: nobody's heartbeat can be read; cursors stay until it is back.
        this.options.log.warn({ err }, 'reading server heartbeats failed');
        return;
      }
      for (const { cursors } of this.rooms.values()) cursors.dropServer(server, REMOTE);
    }
  }
}
