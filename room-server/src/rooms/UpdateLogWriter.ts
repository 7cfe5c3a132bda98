import type { Logger } from '../log/logger.ts';
import type { RoomEvent } from './RoomEventRepository.ts';
import { RoomLog, type RoomLogOptions, type RoomLogSink } from './RoomLog.ts';
import type { RoomSnapshot } from './RoomSnapshotRepository.ts';
import type { RoomUpdate } from './RoomUpdateRepository.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { isTransientStoreError } from './storeErrors.ts';

/** Where the writer stores: the log collections (a fake in unit tests). */
export interface UpdateLogStore {
  /** Ordered insert; stops at the first entry whose {room, seq} is taken and returns its index. */
  appendUpdates(entries: readonly RoomUpdate[]): Promise<{ duplicateAt: number | null }>;
  findUpdate(room: string, seq: number): Promise<RoomUpdate | null>;
  lastSeq(room: string): Promise<number>;
  appendSnapshots(snapshots: readonly RoomSnapshot[]): Promise<void>;
  appendEvents(events: readonly RoomEvent[]): Promise<void>;
  /** Marks the rooms' records open: their log now runs ahead of the doc on the record. */
  markOpen(rooms: readonly string[]): Promise<void>;
}

export function updateLogStore(database: RoomRepositories): UpdateLogStore {
  return {
    appendUpdates: (entries) => database.roomUpdates.append(entries),
    findUpdate: (room, seq) => database.roomUpdates.find(room, seq),
    lastSeq: (room) => database.roomUpdates.lastSeq(room),
    appendSnapshots: (snapshots) => database.roomSnapshots.append(snapshots),
    appendEvents: (events) => database.roomEvents.append(events),
    markOpen: (rooms) => database.rooms.markOpen(rooms),
  };
}

export interface UpdateLogSettings {
  /**
   * Least time between the starts of two batches. With a healthy database an accepted
   * update is stored within about this plus one insert: the durability window.
   */
  batchMs: number;
  /** First and largest wait before a failed batch is tried again (doubling in between). */
  backoff: { initialMs: number; maxMs: number };
  /** An update unstored this long puts its room in the `waiting` state (its people are told). */
  waitingAfterMs: number;
  /** How often the log lists the rooms whose edits wait, while any do. */
  reportEveryMs: number;
  /** A room snapshot after this many updates, or this many bytes of updates, since its last one. */
  snapshotEvery: { updates: number; bytes: number };
  /** Most updates in one insertMany. */
  maxBatch: number;
}

export const DEFAULT_UPDATE_LOG_SETTINGS: UpdateLogSettings = {
  batchMs: 100,
  backoff: { initialMs: 100, maxMs: 5_000 },
  waitingAfterMs: 2_000,
  reportEveryMs: 10_000,
  snapshotEvery: { updates: 500, bytes: 1024 * 1024 },
  maxBatch: 1_000,
};

/** Hears what the writer does, for metrics (ServerMetrics.updateLog). */
export interface UpdateLogObserver {
  accepted(): void;
  written(ms: number): void;
  failed(): void;
}

export interface UpdateLogWriterOptions extends Partial<UpdateLogSettings> {
  store: UpdateLogStore;
  log: Logger;
  observer?: UpdateLogObserver;
}

/** A room whose accepted edits are not all stored. */
export interface WaitingRoomReport {
  roomId: string;
  unstoredUpdates: number;
  /** Age of its oldest unstored update. */
  oldestAgeMs: number;
}

/**
 * The one writer of the update log in a process. Rooms hand it their accepted updates
 * (through a RoomLog each); it stores every room's pending updates in one ordered
 * insertMany at a time, then the snapshots and join/leave events taken meanwhile. Per-room
 * timers writing on their own overwhelmed the embedded database (SQLITE_BUSY at ≈ 25
 * writes/s). A failed batch is kept and tried again with a doubling backoff: nothing
 * accepted is dropped, however long the database stays away.
 */
export class UpdateLogWriter {
  private readonly settings: UpdateLogSettings;
  private readonly rooms = new Map<string, RoomLog>();
  private snapshots: RoomSnapshot[] = [];
  private events: { event: RoomEvent; from: RoomLog }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing = false;
  private lastFlushStartedAt = 0;
  /** Failed batches in a row; 0 while storing works. */
  private failures = 0;
  private lastReportAt = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly monitor: NodeJS.Timeout;
  private closing?: Promise<void>;
  private readonly sink: RoomLogSink = {
    // Called once per update a room logs.
    scheduled: () => {
      this.options.observer?.accepted();
      this.schedule();
    },
    queueSnapshot: (snapshot) => this.snapshots.push(snapshot),
    queueEvent: (event, from) => {
      this.events.push({ event, from });
      this.schedule();
    },
    release: (log) => {
      if (log.pending.length > 0) throw new Error(`room ${log.roomId} left the update log with unstored updates`);
      if (this.rooms.get(log.roomId) === log) this.rooms.delete(log.roomId);
    },
  };

  constructor(private readonly options: UpdateLogWriterOptions) {
    const { store: _store, log: _log, observer: _observer, ...settings } = options;
    this.settings = { ...DEFAULT_UPDATE_LOG_SETTINGS, ...settings };
    // Waiting is noticed by time, not by a failure: a stalled database fails nothing.
    this.monitor = setInterval(() => this.check(), Math.min(250, this.settings.waitingAfterMs / 4));
  }

  /** Starts logging a loaded room's updates after `lastSeq`. */
  open(options: RoomLogOptions): RoomLog {
    // A log left open by a room whose close failed half-way may be replaced once it is
    // empty; one with unstored updates would hand out the same sequence numbers twice.
    if (this.rooms.get(options.roomId)?.pending.length) {
      throw new Error(`room ${options.roomId} already has an update log with unstored updates`);
    }
    const log = new RoomLog(this.sink, options, this.settings);
    this.rooms.set(options.roomId, log);
    return log;
  }

  /** Every room holding unstored updates. */
  waitingRooms(now = Date.now()): WaitingRoomReport[] {
    const waiting: WaitingRoomReport[] = [];
    for (const log of this.rooms.values()) {
      const oldest = log.oldestUnstoredAt;
      if (oldest !== null)
        waiting.push({ roomId: log.roomId, unstoredUpdates: log.pending.length, oldestAgeMs: now - oldest });
    }
    return waiting;
  }

  /** Resolves when everything handed over so far is stored. */
  idle(): Promise<void> {
    if (!this.hasWork() && !this.flushing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stores what is pending, then stops. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.idle().then(() => {
      clearInterval(this.monitor);
      clearTimeout(this.timer);
    });
    return this.closing;
  }

  private hasWork(): boolean {
    if (this.snapshots.length > 0 || this.events.length > 0) return true;
    for (const log of this.rooms.values()) if (log.pending.length > 0) return true;
    return false;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.flushing) return;
    if (!this.hasWork()) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    const { batchMs, backoff } = this.settings;
    const delay =
      this.failures > 0
        ? Math.min(backoff.maxMs, backoff.initialMs * 2 ** (this.failures - 1))
        : Math.max(0, this.lastFlushStartedAt + batchMs - Date.now());
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    this.flushing = true;
    this.lastFlushStartedAt = Date.now();
    try {
      await this.storeUpdates();
      await this.storeSnapshotsAndEvents();
      if (this.failures > 0) this.options.log.info({ failedBatches: this.failures }, 'update log stored again');
      this.failures = 0;
    } catch (err) {
      this.failures += 1;
      this.options.observer?.failed();
      // Once per outage; the rooms that wait are listed every reportEveryMs by check().
      if (this.failures === 1) {
        const fields = { err, rooms: this.waitingRooms().length };
        if (isTransientStoreError(err)) this.options.log.warn(fields, 'storing the update log failed; retrying');
        else this.options.log.error(fields, 'storing the update log failed (not a known transient error); retrying');
      }
    } finally {
      this.flushing = false;
      this.schedule();
    }
  }

  /** One batch of every room's pending updates (oldest first per room), as one ordered insert. */
  private async storeUpdates(): Promise<void> {
    const { store } = this.options;
    for (;;) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      await this.markOpen(batch);
      const started = performance.now();
      const { duplicateAt } = await store.appendUpdates(batch);
      this.options.observer?.written(performance.now() - started);
      this.settle(batch.slice(0, duplicateAt ?? batch.length));
      if (duplicateAt === null) return;
      // Already there: stored by an earlier try whose answer was lost, or (a bug, or a
      // second server on the same room) a different update under the same number.
      const entry = batch[duplicateAt] as RoomUpdate;
      const stored = await store.findUpdate(entry.room, entry.seq);
      if (stored && Buffer.from(stored.update).equals(entry.update)) {
        this.settle([entry]);
        continue;
      }
      const log = this.rooms.get(entry.room);
      if (stored && entry.epoch !== undefined && (stored.epoch ?? 0) > entry.epoch) {
        // Fenced: a newer lease holder stores this room now; its entries win.
        this.options.log.warn(
          { roomId: entry.room, seq: entry.seq, epoch: entry.epoch, storedEpoch: stored.epoch },
          'update log fenced: a newer storage lease holder wrote this number; this server stops storing the room',
        );
        log?.fenced();
        this.snapshots = this.snapshots.filter((snapshot) => snapshot.room !== entry.room || snapshot.seq < entry.seq);
        continue;
      }
      const last = await store.lastSeq(entry.room);
      if (stored && entry.epoch !== undefined) {
        // An older holder that had not yet noticed it lost the lease stored these: they
        // came from the same stream entries as ours, which are not stored twice.
        log?.dropStored(await this.storedSources(entry.room, entry.seq, last));
        log?.renumber(last + 1);
        this.snapshots = this.snapshots.filter((snapshot) => snapshot.room !== entry.room || snapshot.seq <= last);
        continue;
      }
      this.options.log.error(
        { roomId: entry.room, seq: entry.seq, renumberedFrom: last + 1 },
        'update log conflict: another update is stored under this number; the room’s unstored updates are stored after the last one',
      );
      log?.renumber(last + 1);
      // Snapshots name sequence numbers that no longer hold what they say.
      this.snapshots = this.snapshots.filter((snapshot) => snapshot.room !== entry.room || snapshot.seq <= last);
    }
  }

  /** The stream entries the log holds from `from` to `to` (entries written by lease holders). */
  private async storedSources(room: string, from: number, to: number): Promise<Set<string>> {
    const sources = new Set<string>();
    for (let seq = from; seq <= to; seq++) {
      const source = (await this.options.store.findUpdate(room, seq))?.source;
      if (source !== undefined) sources.add(source);
    }
    return sources;
  }

  /**
   * Before a room's first update of this load is stored, its record is marked open, so a
   * load after a crash knows to read the log. Once per load and room, for every room of
   * the batch in one write (rooms only looked at never write).
   */
  private async markOpen(batch: readonly RoomUpdate[]): Promise<void> {
    const logs = new Set(batch.map((entry) => this.rooms.get(entry.room)));
    const unmarked = [...logs].filter((log): log is RoomLog => log !== undefined && !log.markedOpen);
    if (unmarked.length === 0) return;
    await this.options.store.markOpen(unmarked.map((log) => log.roomId));
    for (const log of unmarked) log.markedOpen = true;
  }

  private takeBatch(): RoomUpdate[] {
    const batch: RoomUpdate[] = [];
    for (const log of this.rooms.values()) {
      if (!log.mayWrite) continue;
      for (const entry of log.pending) {
        if (batch.length >= this.settings.maxBatch) return batch;
        batch.push(entry);
      }
    }
    return batch;
  }

  /** `stored` is a prefix of the batch: per room, a prefix of its pending updates. */
  private settle(stored: readonly RoomUpdate[]): void {
    const counts = new Map<string, number>();
    for (const entry of stored) counts.set(entry.room, (counts.get(entry.room) ?? 0) + 1);
    const now = Date.now();
    for (const [room, count] of counts) this.rooms.get(room)?.settle(count, now);
  }

  private async storeSnapshotsAndEvents(): Promise<void> {
    // Copies: more may be queued while the insert is out; those stay for the next batch.
    const snapshots = this.snapshots.slice();
    if (snapshots.length > 0) {
      await this.options.store.appendSnapshots(snapshots);
      this.snapshots.splice(0, snapshots.length);
    }
    const events = this.events.slice();
    if (events.length > 0) {
      await this.options.store.appendEvents(events.map(({ event }) => event));
      this.events.splice(0, events.length);
      for (const { from } of events) from.eventsStored(1);
    }
  }

  private check(now = Date.now()): void {
    for (const log of this.rooms.values()) log.check(now);
    if (now - this.lastReportAt < this.settings.reportEveryMs) return;
    const waiting = this.waitingRooms(now).filter((room) => room.oldestAgeMs >= this.settings.waitingAfterMs);
    if (waiting.length === 0) return;
    this.lastReportAt = now;
    this.options.log.warn({ rooms: waiting, failedBatches: this.failures }, 'room edits wait to be stored');
  }
}
