import type { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { Logger } from '../log/logger.ts';
import type { LoadedRoomDoc } from '../rooms/loadRoomDoc.ts';
import type { RoomEvent } from '../rooms/RoomEventRepository.ts';
import type { RoomLog, RoomLogOptions, RoomUpdateLog, StorageState } from '../rooms/RoomLog.ts';
import type { Author, RoomUpdate } from '../rooms/RoomUpdateRepository.ts';
import { RemoteOrigin } from '../rooms/remoteOrigin.ts';
import { clusterKeys, laterStreamId, streamIdBefore } from './clusterKeys.ts';
import { OwnEntries } from './OwnEntries.ts';
import { RoomLease } from './RoomLease.ts';
import { publishStored } from './storedMarker.ts';
import { encodeStreamEntry, type StreamEntry } from './streamEntries.ts';
import { readStream } from './streamRange.ts';
import { type ClientAuthors, planTakeover } from './takeover.ts';

/** What a cluster room needs of its loaded Room. */
export interface ClusterRoomTarget {
  readonly doc: Y.Doc;
  applyRemote(update: Uint8Array, origin: RemoteOrigin): void;
}

export interface ClusterRoomOptions {
  /**
   * The name of the log this links (its stream, lease and update log): a room's id, or
   * another doc's log key (a room's notes: `notes:<roomId>`).
   */
  roomId: string;
  /** This process's name in streams and leases (SERVER_ID plus a per-start nonce). */
  origin: string;
  /** Entries this process adds, counted across its rooms (an entry added twice is logged once). */
  nextCounter(): number;
  redis: Redis;
  /** The log's stored state now, read on taking the lease (null: its room was deleted). */
  readStored(): Promise<LoadedRoomDoc | null>;
  /** The process's update log writer: the holder stores through a RoomLog of it. */
  writer: { open(options: RoomLogOptions): RoomLog };
  leaseMs: number;
  /** Stored stream entries are kept this long (a load reads the stream after what it read stored). */
  retainMs: number;
  waitingAfterMs: number;
  /** The stream id the loaded doc includes entries up to. */
  position: string;
  /** Authors learned from the stream entries the load read. */
  authors: ClientAuthors;
  /** The room closed (stop reading its stream). */
  onClose(room: ClusterRoom): void;
  log: Logger;
}

/**
 * A room's link to the other room-servers (with Redis), and its update log there. Every
 * update a peer of this server makes, and every join and leave, is added to the room's
 * Redis stream (`OwnEntries` until stored); every entry of the stream is read back in the
 * stream's one order: other servers' updates are applied to the doc (relayed to this
 * server's peers, `RemoteOrigin`), and, while this server holds the room's storage lease,
 * every entry is logged through a RoomLog with the lease's fencing epoch, after which the
 * holder marks the stream stored up to it (so every server knows when its edits are).
 *
 * Not holding the lease, the server tries to take it every third of its TTL, and at once
 * when the holder releases it; on taking it, it stores whatever of the stream (and of its
 * doc) the log lacks (planTakeover). It loses it when a renewal fails or a newer holder's
 * entry fences a write, and stops writing at once: its unstored entries stay in the stream
 * for the next holder.
 */
export class ClusterRoom implements RoomUpdateLog {
  private readonly own: OwnEntries;
  private readonly lease: RoomLease;
  private target: ClusterRoomTarget | null = null;
  private logOptions: RoomLogOptions | null = null;
  private holding: RoomLog | null = null;
  /** The last stream entry handled. */
  private position: string;
  /** Entries up to here were handled by the takeover: not logged again as they are read. */
  private loggedThrough: string | null = null;
  /** Handled entries the holder has to mark stored once its log has them. */
  private markNeeded = false;
  /** The next stored mark to publish (one at a time; the latest wins). */
  private nextMark: string | null = null;
  private marking = false;
  /** Resolves once a closed room's lease is released. */
  released: Promise<void> = Promise.resolve();
  /** Once closing: entries after this are left to the next holder (and not applied). */
  private cut: string | null = null;
  private cutWaiters: (() => void)[] = [];
  private chain: Promise<void> = Promise.resolve();
  private sending = false;
  private sendFailures = 0;
  private acquiring = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Its room was deleted: nothing more is stored (see forsake). */
  private gone = false;
  /** Highest counter handled per origin: an entry added twice is handled once. */
  private readonly counters = new Map<string, number>();

  constructor(private readonly options: ClusterRoomOptions) {
    this.position = options.position;
    this.own = new OwnEntries({
      waitingAfterMs: options.waitingAfterMs,
      onStorageState: (state, since) => this.logOptions?.onStorageState(state, since),
    });
    this.lease = new RoomLease({
      redis: options.redis,
      roomId: options.roomId,
      holder: options.origin,
      ttlMs: options.leaseMs,
    });
  }

  get roomId(): string {
    return this.options.roomId;
  }

  /** The last stream entry handled (at attach: the last one the load read). */
  get streamPosition(): string {
    return this.position;
  }

  /** Whether this server stores the room now (holds its lease). */
  get isStorageHolder(): boolean {
    return this.holding !== null && this.lease.held;
  }

  /** The UpdateLog a Room opens in its constructor: this link. */
  open(options: RoomLogOptions): RoomUpdateLog {
    this.logOptions = options;
    return this;
  }

  /** Starts relaying to and from `room`, and trying for its lease. */
  attach(room: ClusterRoomTarget): void {
    this.target = room;
    this.timer = setInterval(() => void this.tend(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
    this.timer.unref();
    void this.tryAcquire();
  }

  get lastSeq(): number {
    return this.holding?.lastSeq ?? 0;
  }

  get storageState(): StorageState {
    return this.own.storageState;
  }

  get oldestUnstoredAt(): number | null {
    return this.own.oldestAt;
  }

  get storesClosedDoc(): boolean {
    return this.isStorageHolder;
  }

  append(author: Author, update: Uint8Array, name = ''): void {
    this.options.authors.learn(update, author);
    this.add({
      type: 'update',
      origin: this.options.origin,
      counter: this.options.nextCounter(),
      author,
      name,
      update,
    });
  }

  event(kind: RoomEvent['kind'], who: Author): void {
    this.add({
      type: 'event',
      origin: this.options.origin,
      counter: this.options.nextCounter(),
      kind,
      who,
      at: Date.now(),
    });
  }

  stored(): Promise<void> {
    return this.own.stored();
  }

  /**
   * The room closes: once everything it added is in the stream, entries up to there are
   * still handled (the holder logs them), later ones are left to the next holder. Resolves
   * when all of its own are stored and, holding, its log is too.
   */
  async finish(): Promise<void> {
    // Sending is retried until Redis takes every entry.
    while (this.own.lastId === null) await new Promise((resolve) => setTimeout(resolve, 20));
    const cut = laterStreamId(this.position, this.own.lastId ?? '0-0');
    this.cut = cut;
    if (streamIdBefore(this.position, cut)) await new Promise<void>((resolve) => this.cutWaiters.push(resolve));
    await this.own.stored();
    await this.holding?.stored();
  }

  /** Leaves the room: gives the lease up (telling the others), stops its timers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const holding = this.holding;
    this.holding = null;
    if (holding && holding.pending.length === 0) holding.close();
    else holding?.abandon();
    if (holding) this.released = this.release();
    this.options.onClose(this);
  }

  forsake(): void {
    if (this.gone) return;
    this.gone = true;
    this.own.forsake();
    const holding = this.holding;
    this.holding = null;
    if (!holding) return;
    holding.abandon();
    this.released = this.release();
  }

  /** Checks whether its own entries wait too long to be stored. */
  check(now: number): void {
    this.own.check(now);
  }

  /** Stream entries read for this room, in stream order. */
  deliver(entries: readonly [string, StreamEntry][]): void {
    this.chain = this.chain
      .then(() => this.handle(entries))
      .catch((err) => this.options.log.error({ err, roomId: this.roomId }, 'handling room stream entries failed'));
  }

  private add(entry: StreamEntry): void {
    if (this.gone) return;
    this.own.add(entry);
    this.send();
  }

  /** Adds the unsent entries to the stream, in order, on one connection; retried until Redis takes them. */
  private send(): void {
    if (this.sending) return;
    const unsent = this.own.unsent();
    if (unsent.length === 0) return;
    this.sending = true;
    const key = clusterKeys.stream(this.roomId);
    Promise.all(unsent.map((own) => this.options.redis.xadd(key, '*', ...encodeStreamEntry(own.entry))))
      .then((ids) => {
        unsent.forEach((own, i) => {
          own.id = ids[i] ?? null;
        });
        this.sendFailures = 0;
      })
      .catch((err) => {
        this.sendFailures += 1;
        if (this.sendFailures === 1) {
          this.options.log.warn({ err, roomId: this.roomId }, 'adding to the room stream failed; retrying');
        }
        return new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** this.sendFailures)));
      })
      .finally(() => {
        this.sending = false;
        this.send();
      });
  }

  private async handle(entries: readonly [string, StreamEntry][]): Promise<void> {
    for (const [id, entry] of entries) {
      if (!streamIdBefore(this.position, id)) continue;
      if (this.cut && streamIdBefore(this.cut, id)) {
        // Left to the next holder; only a stored mark still matters to this closing room.
        if (entry.type === 'stored') this.own.confirm(entry.upTo);
        continue;
      }
      this.handleOne(id, entry);
      this.position = id;
    }
    if (this.cut && !streamIdBefore(this.position, this.cut)) {
      for (const resolve of this.cutWaiters.splice(0)) resolve();
    }
    if (this.markNeeded && this.holding?.allStored) this.mark(this.position);
  }

  private handleOne(id: string, entry: StreamEntry): void {
    switch (entry.type) {
      case 'update':
      case 'event': {
        if (!this.firstTime(entry.origin, entry.counter)) return;
        const log = this.loggedThrough && !streamIdBefore(this.loggedThrough, id) ? null : this.holding;
        if (entry.type === 'update') {
          this.options.authors.learn(entry.update, entry.author);
          if (entry.origin !== this.options.origin) {
            this.target?.applyRemote(entry.update, new RemoteOrigin(entry.author, entry.name || null));
          }
          log?.appendFrom(entry.author, entry.update, id);
        } else {
          log?.event(entry.kind, entry.who, new Date(entry.at), this.eventId(id));
        }
        if (this.holding) this.markNeeded = true;
        return;
      }
      case 'stored':
        this.own.confirm(entry.upTo);
        return;
      case 'released':
        if (entry.origin !== this.options.origin) void this.tryAcquire();
        return;
      default:
        entry satisfies never;
    }
  }

  /** A join or leave's name in the log: its room and stream entry (unique in the collection). */
  private eventId(streamId: string): string {
    return `${this.roomId}:${streamId}`;
  }

  private firstTime(origin: string, counter: number): boolean {
    if ((this.counters.get(origin) ?? 0) >= counter) return false;
    this.counters.set(origin, counter);
    return true;
  }

  /** Every third of the lease's TTL: renew it, or try to take it. */
  private async tend(): Promise<void> {
    if (this.closed) return;
    if (!this.holding) return this.tryAcquire();
    try {
      if (!(await this.lease.renew())) this.demote('its renewal found another holder');
    } catch (err) {
      // Redis unreachable: the lease runs out on its own; `mayWrite` stops the writes first.
      this.options.log.warn({ err, roomId: this.roomId }, 'renewing the room storage lease failed');
      if (!this.lease.held) this.demote('it could not be renewed in time');
    }
  }

  private async tryAcquire(): Promise<void> {
    if (this.acquiring || this.holding || this.closed || this.gone || !this.target) return;
    this.acquiring = true;
    try {
      const epoch = await this.lease.acquire();
      if (epoch === null) return;
      const takeover = this.chain.then(() => this.takeOver(epoch));
      this.chain = takeover.catch(() => {});
      await takeover;
    } catch (err) {
      this.options.log.warn({ err, roomId: this.roomId }, 'taking the room storage lease failed');
      if (!this.holding) await this.lease.release().catch(() => {});
    } finally {
      this.acquiring = false;
    }
  }

  /**
   * Runs in the entry chain. Everything in the stream after the previous holder's stored
   * mark is checked against the stored state now (planTakeover), so entries this server
   * has not read yet are logged here once, and skipped when the reader brings them.
   */
  private async takeOver(epoch: number): Promise<void> {
    const { redis, roomId, log } = this.options;
    const target = this.target;
    if (!target || this.closed) return this.lease.release();
    // The mark first: the log holds at least what it says (as in RoomCluster.load).
    const storedUpTo = await redis.get(clusterKeys.stored(roomId));
    const stored = await this.options.readStored();
    if (!stored) {
      // Deleted: what this server still waits for will never be stored.
      this.forsake();
      return this.lease.release();
    }
    const entries = await readStream(redis, roomId, storedUpTo, '+', log);
    const planned = planTakeover({
      stored: stored.state,
      entries: entries.flatMap(([id, entry]) =>
        entry.type === 'update' ? [{ id, author: entry.author, update: entry.update }] : [],
      ),
      doc: target.doc,
      coming: this.own.updatesAfter(entries.at(-1)?.[0] ?? null),
      authors: this.options.authors,
    });
    if (this.closed) return this.lease.release();
    if (this.lease.epoch !== epoch) return;
    const roomLog = this.options.writer.open({
      roomId,
      lastSeq: stored.lastSeq,
      sinceSnapshot: stored.sinceSnapshot,
      // The holder's doc may hold a few of its own peers' updates the log has not read
      // back yet: a snapshot is never behind its seq, and a load applies the rest anyway.
      snapshot: () => Y.encodeStateAsUpdate(target.doc),
      onStorageState: () => {},
      epoch,
      mayWrite: () => this.lease.epoch === epoch,
      onFenced: () => this.demote('a newer holder stored this room'),
      onSettled: (settled) => this.settled(settled),
    });
    this.holding = roomLog;
    for (const entry of planned) roomLog.appendFrom(entry.author, entry.update, entry.source);
    // Joins and leaves after the mark: named by their stream entry, those stored already are kept once.
    for (const [id, entry] of entries)
      if (entry.type === 'event') roomLog.event(entry.kind, entry.who, new Date(entry.at), this.eventId(id));
    const last = entries.at(-1)?.[0] ?? null;
    this.loggedThrough = last && streamIdBefore(this.position, last) ? last : null;
    log.info({ roomId, epoch, appended: planned.length }, 'took the room storage lease');
    if (roomLog.allStored) this.mark(laterStreamId(this.position, last ?? '0-0'));
  }

  /** The holder stored these entries: the stream is stored up to the last one that came from it. */
  private settled(entries: readonly RoomUpdate[]): void {
    const holding = this.holding;
    if (!holding) return;
    const last = [...entries].reverse().find((entry) => entry.source !== undefined)?.source;
    // Joins and leaves too: a mark past one not yet stored would lose it if this server died.
    if (holding.allStored) this.mark(laterStreamId(this.position, this.loggedThrough ?? '0-0'));
    else if (last && !holding.eventsWait) this.mark(last);
  }

  /** Marks the stream stored up to `upTo`: one mark at a time, the latest asked for next. */
  private mark(upTo: string): void {
    this.markNeeded = false;
    this.nextMark = upTo;
    if (this.marking) return;
    this.marking = true;
    void this.publishMarks().finally(() => {
      this.marking = false;
    });
  }

  private async publishMarks(): Promise<void> {
    for (let upTo = this.nextMark; upTo !== null; upTo = this.nextMark) {
      this.nextMark = null;
      const token = this.lease.token;
      const holding = this.holding;
      if (!token || !holding) return;
      try {
        const entry = { type: 'stored' as const, origin: this.options.origin, upTo, seq: holding.lastSeq };
        const ok = await publishStored(this.options.redis, {
          roomId: this.roomId,
          token,
          entry: { ...entry, epoch: this.lease.epoch ?? 0 },
          retainMs: this.options.retainMs,
        });
        if (!ok) this.demote('another server holds the lease');
      } catch (err) {
        // The next batch marks again; until then the others show `waiting` if it lasts.
        this.options.log.warn({ err, roomId: this.roomId }, 'marking the room stream stored failed');
      }
    }
  }

  /** Stops storing at once; unstored entries stay in the stream for the next holder. */
  private demote(why: string): void {
    const holding = this.holding;
    if (!holding) return;
    this.holding = null;
    this.lease.forget();
    holding.abandon();
    this.options.log.warn({ roomId: this.roomId, why }, 'lost the room storage lease; another server stores the room');
  }

  private async release(): Promise<void> {
    const epoch = this.lease.epoch ?? 0;
    try {
      await this.lease.release();
      const entry: StreamEntry = { type: 'released', origin: this.options.origin, epoch };
      await this.options.redis.xadd(clusterKeys.stream(this.roomId), '*', ...encodeStreamEntry(entry));
    } catch (err) {
      // The lease then runs out by itself: another server takes over within its TTL.
      this.options.log.warn({ err, roomId: this.roomId }, 'releasing the room storage lease failed');
    }
  }
}
