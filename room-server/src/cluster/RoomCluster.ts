import { randomBytes } from 'node:crypto';
import os from 'node:os';
import * as Y from 'yjs';
import type { Logger } from '../log/logger.ts';
import type { LoadedRoomDoc } from '../rooms/loadRoomDoc.ts';
import type { RoomLog, RoomLogOptions } from '../rooms/RoomLog.ts';
import type { SharedDoc, StoredReads } from '../rooms/RoomSharing.ts';
import { ClusterAwareness } from './ClusterAwareness.ts';
import { ClusterRoom } from './ClusterRoom.ts';
import { clusterKeys } from './clusterKeys.ts';
import type { RedisClients } from './redisClients.ts';
import { StreamReader } from './StreamReader.ts';
import { readStream } from './streamRange.ts';
import { ClientAuthors } from './takeover.ts';

/** How a room-server joins the others (REDIS_URL and its companions). */
export interface ClusterSettings {
  redisUrl: string;
  /** This server's name among the others (SERVER_ID); see defaultServerId. */
  serverId: string;
  /** TTL of a room's storage lease (ROOM_LEASE_MS): a dead holder's rooms are taken over within it. */
  leaseMs: number;
  /** A server silent this long is gone and its peers' cursors removed (SERVER_HEARTBEAT_MS). */
  heartbeatMs: number;
  /** Stored stream entries are kept this long for loads under way (default one minute). */
  retainMs?: number;
}

export interface RoomClusterOptions extends ClusterSettings {
  /** The server's Redis connections (its owner closes them, after this). */
  redis: RedisClients;
  /** An own entry unconfirmed this long puts its room in the `waiting` state. */
  waitingAfterMs: number;
  log: Logger;
}

/** `host:pid:random`: unique per process, readable in Redis's CLIENT LIST and in logs. */
export function defaultServerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * A room-server's part in a group of room-servers sharing one Redis and one database:
 * every loaded room is linked to the others' copies of it (ClusterRoom: its document
 * through the room's Redis stream, its storage lease; ClusterAwareness: its cursors).
 * A room's private notes are linked the same way under their own log name
 * (`notes:<roomId>`: their own stream, lease and channel, which only notes docs read).
 * Without REDIS_URL none of this exists and a server works alone, as before.
 *
 * For the other cross-server parts: `channel(roomId)` is the room's pub/sub channel
 * (JSON messages with a `t`; cursors use `cursors` and `cursors-query`), and
 * `isStorageHolder(roomId)` says whether this server stores the room now.
 */
export class RoomCluster {
  /** This process in streams, leases and heartbeats: the server id plus a nonce of this start. */
  readonly origin: string;
  private readonly links = new Map<string, ClusterRoom>();
  private readonly releases = new Set<Promise<void>>();
  private readonly reader: StreamReader;
  private readonly awareness: ClusterAwareness;
  private readonly monitor: NodeJS.Timeout;
  private counter = 0;
  private closing?: Promise<void>;

  static async start(options: RoomClusterOptions): Promise<RoomCluster> {
    const cluster = new RoomCluster(options, options.redis);
    await cluster.awareness.start();
    return cluster;
  }

  private constructor(
    private readonly options: RoomClusterOptions,
    private readonly redis: RedisClients,
  ) {
    this.origin = `${options.serverId}#${randomBytes(4).toString('hex')}`;
    this.reader = new StreamReader({ reader: redis.reader, command: redis.command, log: options.log });
    this.awareness = new ClusterAwareness({
      command: redis.command,
      subscriber: redis.subscriber,
      origin: this.origin,
      heartbeatMs: options.heartbeatMs,
      log: options.log,
    });
    this.monitor = setInterval(
      () => {
        const now = Date.now();
        for (const link of this.links.values()) link.check(now);
      },
      Math.min(250, options.waitingAfterMs / 4),
    );
    this.monitor.unref();
  }

  /** The room's pub/sub channel, shared by every server that has it loaded (its code doc). */
  channel(roomId: string): string {
    return clusterKeys.channel(roomId);
  }

  /**
   * Resolves once no server holds the storage lease of any of `logNames` (each gave it up,
   * or the lease of one that died ran out): after that nobody writes those logs. Gives up
   * after a lease's time and a second, saying so.
   */
  async unheld(logNames: string[]): Promise<void> {
    const keys = logNames.map((name) => clusterKeys.lease(name));
    const deadline = Date.now() + this.options.leaseMs + 1_000;
    while ((await this.redis.command.exists(...keys)) > 0) {
      if (Date.now() > deadline) {
        this.options.log.error({ logNames }, 'a server still stores a deleted room after its lease time');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Whether this server holds the room's storage lease now. */
  isStorageHolder(roomId: string): boolean {
    return this.links.get(roomId)?.isStorageHolder ?? false;
  }

  /**
   * The log's document as stored plus what its stream holds after the stored mark
   * (edits other servers accepted and not yet stored), and its link, to be passed to the
   * Room as its update log and attached once the Room exists. The mark is read before the
   * stored state: the log holds at least what it says, and a holder trims the stream only
   * past `retainMs`, so nothing falls between the two reads.
   */
  async load(
    roomId: string,
    writer: { open(options: RoomLogOptions): RoomLog },
    reads: StoredReads,
  ): Promise<{ loaded: LoadedRoomDoc; link: ClusterRoom }> {
    const { command } = this.redis;
    const storedUpTo = await command.get(clusterKeys.stored(roomId));
    const stored = await reads.atLoad();
    const entries = await readStream(command, roomId, storedUpTo, '+', this.options.log);
    const authors = new ClientAuthors();
    const updates: Uint8Array[] = [];
    for (const [, entry] of entries) {
      if (entry.type !== 'update') continue;
      authors.learn(entry.update, entry.author);
      updates.push(entry.update);
    }
    const loaded = updates.length === 0 ? stored : { ...stored, state: Y.mergeUpdates([stored.state, ...updates]) };
    const link = new ClusterRoom({
      roomId,
      origin: this.origin,
      nextCounter: () => ++this.counter,
      redis: command,
      readStored: reads.now,
      writer,
      leaseMs: this.options.leaseMs,
      retainMs: this.options.retainMs ?? 60_000,
      waitingAfterMs: this.options.waitingAfterMs,
      position: entries.at(-1)?.[0] ?? storedUpTo ?? '0-0',
      authors,
      onClose: (closed) => this.closed(closed),
      log: this.options.log,
    });
    return { loaded, link };
  }

  /** Starts the link of a room (or notes doc) just built on what `load` returned. */
  attach(link: ClusterRoom, room: SharedDoc): void {
    const { roomId } = link;
    this.links.set(roomId, link);
    this.reader.add(link, link.streamPosition);
    link.attach(room);
    this.awareness.attach(roomId, room.cursors).catch((err) => {
      this.options.log.error({ err, roomId }, 'sharing the room cursors with other servers failed');
    });
  }

  /** Stops reading and sharing. Call after every room is closed (they release their leases). Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.monitor);
      await Promise.all(this.releases);
      await this.awareness.close();
      await this.reader.close();
    })();
    return this.closing;
  }

  private closed(link: ClusterRoom): void {
    if (this.links.get(link.roomId) === link) this.links.delete(link.roomId);
    this.reader.remove(link.roomId);
    this.awareness.detach(link.roomId);
    const released = link.released.finally(() => this.releases.delete(released));
    this.releases.add(released);
  }
}
