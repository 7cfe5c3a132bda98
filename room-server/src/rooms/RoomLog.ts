import { randomUUID } from 'node:crypto';
import type { RoomEvent } from './RoomEventRepository.ts';
import type { RoomSnapshot } from './RoomSnapshotRepository.ts';
import type { Author, RoomUpdate } from './RoomUpdateRepository.ts';

/** Whether a room's accepted edits are all stored, or some wait longer than they should. */
export type StorageState = 'waiting' | 'stored';

export interface RoomLogOptions {
  roomId: string;
  /** The highest sequence number stored for the room when it was loaded (0: none). */
  lastSeq: number;
  /** Updates and bytes logged after the latest snapshot, counted when the room was loaded. */
  sinceSnapshot: { updates: number; bytes: number };
  /** The room's whole document now, for a snapshot. */
  snapshot(): Uint8Array;
  /** Called when the room starts waiting for its edits to be stored, and when they are stored again. */
  onStorageState(state: StorageState, since: number): void;
  /** With Redis: the storage lease's fencing epoch, written on every entry. */
  epoch?: number;
  /** With Redis: whether the lease is still held now (the writer skips the room's entries otherwise). */
  mayWrite?(): boolean;
  /** With Redis: an entry hit a number already stored by a newer lease holder; stop writing. */
  onFenced?(): void;
  /** Entries just stored, in order. */
  onSettled?(entries: readonly RoomUpdate[]): void;
}

/**
 * What a loaded room appends its accepted updates to: a RoomLog of the process's writer
 * (one server), or, with Redis, the room's cluster link (cluster/ClusterRoom), which
 * stores through a RoomLog only while it holds the room's storage lease.
 */
export interface RoomUpdateLog {
  /** The sequence number of the last update logged (stored or not). */
  readonly lastSeq: number;
  readonly storageState: StorageState;
  /** Server time of the oldest unstored update, or null when all are stored. */
  readonly oldestUnstoredAt: number | null;
  /** Whether this server stores the room's whole doc when it unloads (with Redis: only the lease holder). */
  readonly storesClosedDoc: boolean;
  /** `name`: the author's display name (other room-servers show it in the room's activity). */
  append(author: Author, update: Uint8Array, name?: string): void;
  event(kind: RoomEvent['kind'], who: Author): void;
  /** Resolves once nothing the room accepted is unstored. */
  stored(): Promise<void>;
  /** No more appends come (the room closes): resolves once everything is stored. */
  finish(): Promise<void>;
  /** Leaves the writer; only once `finish()` has resolved. */
  close(): void;
  /**
   * The room was deleted: nothing more of it is stored, and `stored`/`finish` resolve at
   * once. Only a log shared with other servers has it; alone, a server stores the room
   * before its deletion removes the log.
   */
  forsake?(): void;
}

export interface RoomLogLimits {
  /** A snapshot after this many updates, or this many bytes of updates, since the last one. */
  snapshotEvery: { updates: number; bytes: number };
  /** An update unstored this long puts the room in the `waiting` state. */
  waitingAfterMs: number;
}

/** What a room log hands to the process's writer. */
export interface RoomLogSink {
  scheduled(): void;
  queueSnapshot(snapshot: RoomSnapshot): void;
  /** Stores `event` in a later batch, then tells `from` (eventsStored). */
  queueEvent(event: RoomEvent, from: RoomLog): void;
  release(log: RoomLog): void;
}

/**
 * One room's side of the update log: numbers its accepted updates and keeps them, in
 * order, until the writer has stored them. The writer takes prefixes of `pending`, so a
 * room's updates are stored in the order it applied them.
 */
export class RoomLog implements RoomUpdateLog {
  readonly roomId: string;
  readonly storesClosedDoc = true;
  /** Accepted, not yet stored, oldest first. */
  readonly pending: RoomUpdate[] = [];
  /** Whether the room's record says its log may run ahead of its doc (see UpdateLogWriter). */
  markedOpen = false;
  private nextSeq: number;
  private state: StorageState = 'stored';
  private readonly sinceSnapshot: { updates: number; bytes: number };
  private drainWaiters: (() => void)[] = [];
  /** Joins and leaves queued and not yet stored. */
  private unstoredEvents = 0;

  constructor(
    private readonly sink: RoomLogSink,
    private readonly options: RoomLogOptions,
    private readonly limits: RoomLogLimits,
  ) {
    this.roomId = options.roomId;
    this.nextSeq = options.lastSeq + 1;
    this.sinceSnapshot = { ...options.sinceSnapshot };
  }

  /** The sequence number of the last update logged (stored or not). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  get storageState(): StorageState {
    return this.state;
  }

  /** Server time of the oldest unstored update, or null when all are stored. */
  get oldestUnstoredAt(): number | null {
    return this.pending[0]?.at.getTime() ?? null;
  }

  /** Whether the writer may store the room's entries now (with Redis: while the lease is held). */
  get mayWrite(): boolean {
    return this.options.mayWrite?.() ?? true;
  }

  /** Logs one accepted update (never merged with another: each keeps its author and time). */
  append(author: Author, update: Uint8Array): void {
    this.appendFrom(author, update);
  }

  /** Logs one update that came from the room's Redis stream entry `source` (with Redis). */
  appendFrom(author: Author, update: Uint8Array, source?: string): void {
    const { epoch } = this.options;
    const entry: RoomUpdate = {
      room: this.roomId,
      seq: this.nextSeq++,
      at: new Date(),
      author,
      update,
      ...(epoch === undefined ? {} : { epoch }),
      ...(source === undefined ? {} : { source }),
    };
    this.pending.push(entry);
    this.sinceSnapshot.updates += 1;
    this.sinceSnapshot.bytes += update.byteLength;
    if (
      this.sinceSnapshot.updates >= this.limits.snapshotEvery.updates ||
      this.sinceSnapshot.bytes >= this.limits.snapshotEvery.bytes
    ) {
      // Taken now, while the doc holds exactly the updates up to this one.
      this.sink.queueSnapshot({ room: this.roomId, seq: entry.seq, at: entry.at, doc: this.options.snapshot() });
      this.sinceSnapshot.updates = 0;
      this.sinceSnapshot.bytes = 0;
    }
    this.sink.scheduled();
  }

  /** `id`: the event's name when it has one already (its Redis stream entry), else a new one. */
  event(kind: RoomEvent['kind'], who: Author, at = new Date(), id: string = randomUUID()): void {
    this.unstoredEvents += 1;
    this.sink.queueEvent({ _id: id, room: this.roomId, at, kind, who }, this);
  }

  /** Whether every update and event the room logged is stored. */
  get allStored(): boolean {
    return this.pending.length === 0 && this.unstoredEvents === 0;
  }

  /** Whether a join or leave the room logged is not stored yet. */
  get eventsWait(): boolean {
    return this.unstoredEvents > 0;
  }

  /** The writer stored `count` of this log's events. */
  eventsStored(count: number): void {
    this.unstoredEvents = Math.max(0, this.unstoredEvents - count);
    this.options.onSettled?.([]);
    this.drained();
  }

  finish(): Promise<void> {
    return this.stored();
  }

  /** Resolves once nothing of the room is unstored. */
  stored(): Promise<void> {
    if (this.allStored) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Leaves the writer; only once `stored()` has resolved. */
  close(): void {
    this.sink.release(this);
  }

  /** The writer stored the first `count` pending updates. */
  settle(count: number, now: number): void {
    const settled = this.pending.splice(0, count);
    this.options.onSettled?.(settled);
    if (this.state === 'waiting') {
      const oldest = this.oldestUnstoredAt;
      if (oldest === null || now - oldest < this.limits.waitingAfterMs) this.setState('stored', now);
    }
    this.drained();
  }

  private drained(): void {
    if (this.allStored) for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  /** Starts waiting once the oldest unstored update is older than `waitingAfterMs`. */
  check(now: number): void {
    const oldest = this.oldestUnstoredAt;
    if (this.state === 'stored' && oldest !== null && now - oldest >= this.limits.waitingAfterMs) {
      this.setState('waiting', oldest);
    }
  }

  /** A newer lease holder stored under a number this log was about to use: it writes no more. */
  fenced(): void {
    this.abandon();
    this.options.onFenced?.();
  }

  /**
   * Forgets the unstored updates and leaves the writer: with Redis, when the lease is lost
   * (its entries stay in the room's Redis stream for the next holder).
   */
  abandon(): void {
    this.pending.splice(0);
    this.sink.release(this);
  }

  /** Drops the unstored updates that came from these stream entries (a stale holder stored them). */
  dropStored(sources: ReadonlySet<string>): void {
    const kept = this.pending.filter((entry) => entry.source === undefined || !sources.has(entry.source));
    this.pending.splice(0, this.pending.length, ...kept);
  }

  /** Gives the unstored updates new numbers from `seq` on (after a conflict in the log). */
  renumber(seq: number): void {
    for (const entry of this.pending) entry.seq = seq++;
    this.nextSeq = seq;
  }

  private setState(state: StorageState, since: number): void {
    this.state = state;
    this.options.onStorageState(state, since);
  }
}
