import {
  CHAT_HISTORY_SIZE,
  type ClassInfo,
  type FinishedEvent,
  type Judge,
  type RoomControls,
  type RoomSession,
  type RunLimits,
} from '@codestream/shared';
import type { Logger } from '../log/logger.ts';
import type { ProblemRepositories } from '../problems/problemRepositories.ts';
import { type SubmissionRecord, toSubmissionView } from '../submissions/SubmissionRepository.ts';
import { submissionPlanner } from '../submissions/submissionPlan.ts';
import type { SubmissionRepositories } from '../submissions/submissionRepositories.ts';
import { toChatMessage } from './ChatRepository.ts';
import { loadRoomDoc } from './loadRoomDoc.ts';
import { mongoRoomStore } from './mongoRoomStore.ts';
import { Room, type RoomPeer } from './Room.ts';
import type { RoomLink, RoomLinks } from './RoomRelay.ts';
import { settingsOf } from './RoomSettingsHolder.ts';
import type { RoomSharing, StoredReads } from './RoomSharing.ts';
import type { RoomStore } from './RoomStore.ts';
import { type RunRecord, toRunView } from './RunRepository.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import {
  type UpdateLogObserver,
  type UpdateLogSettings,
  UpdateLogWriter,
  updateLogStore,
  type WaitingRoomReport,
} from './UpdateLogWriter.ts';

export interface RoomRegistryOptions {
  /** Rooms and their runs, submissions, and the problems submissions are judged against. */
  database: RoomRepositories & SubmissionRepositories & ProblemRepositories;
  judge: Judge;
  runLimits: RunLimits;
  /** The update log writer's timings (defaults: DEFAULT_UPDATE_LOG_SETTINGS). */
  updateLog?: Partial<UpdateLogSettings>;
  /** Hears accepted updates and the log's writes (metrics). */
  updateLogObserver?: UpdateLogObserver;
  /** Largest encoded size of a room's doc. */
  docMaxBytes: number;
  /** What a room of a class shows of it (message, timer), read when the room loads. */
  classInfo?(classId: string): Promise<ClassInfo | null>;
  /** A loaded room's timer ran out and it ended by itself. */
  onSessionDue?(roomId: string): void;
  /** Something a loaded room's summary shows changed. */
  onRoomChange?(roomId: string): void;
  /** The room is about to unload (everyone left, every update stored); it is still readable. */
  onRoomUnload?(room: Room): void;
  /** With Redis: rooms are shared with the other room-servers (null: this server works alone). */
  cluster?: RoomSharing | null;
  /** Other room-servers serving the same rooms (scale-out); absent on a single machine. */
  links?: RoomLinks;
  log: Logger;
}

/**
 * The loaded rooms. A room is loaded on first join (its stored doc applied before any
 * peer is answered) and unloaded when its last peer has left and every update it
 * accepted is stored: while the database is away it stays, and a join reuses it.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room | null>>();
  /**
   * Rooms everyone left: kept in `rooms` (a join reuses them) until their updates are
   * stored, then closed; a join after that waits for the close, then loads afresh.
   */
  private readonly unloading = new Map<string, Promise<void>>();
  /** The loaded rooms that finished loading, for synchronous reads (summaries). */
  private readonly ready = new Map<string, Room>();
  private readonly plan: ReturnType<typeof submissionPlanner>;
  private readonly updateLog: UpdateLogWriter;
  private readonly store: RoomStore;
  private closing?: Promise<void>;

  constructor(private readonly options: RoomRegistryOptions) {
    this.plan = submissionPlanner(options.database);
    this.store = mongoRoomStore(options.database);
    this.updateLog = new UpdateLogWriter({
      ...options.updateLog,
      store: updateLogStore(options.database),
      log: options.log,
      observer: options.updateLogObserver,
    });
  }

  /** Rooms holding accepted updates not stored yet (loaded or left by everyone). */
  waitingRooms(): WaitingRoomReport[] {
    return this.updateLog.waitingRooms();
  }

  /** The process's one update log writer, for the rooms' notes too (close the notes first). */
  get updateLogWriter(): UpdateLogWriter {
    return this.updateLog;
  }

  /** The room if it is loaded (its doc is then newer than the stored one). */
  loaded(roomId: string): Promise<Room | null> | undefined {
    return this.rooms.get(roomId);
  }

  /** The room if it is loaded and ready now. */
  readyRoom(roomId: string): Room | undefined {
    return this.ready.get(roomId);
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /** People in the room now (0 when it is not loaded, or failed to load). */
  async peopleIn(roomId: string): Promise<number> {
    const room = await this.rooms.get(roomId)?.catch(() => null);
    return room?.peopleCount ?? 0;
  }

  /** The room was deleted: if loaded, it stores nothing more. */
  async forsake(roomId: string): Promise<void> {
    (await this.rooms.get(roomId)?.catch(() => null))?.forsake();
  }

  /** Resolves once a room everyone left is stored and unloaded (at once when it is not unloading). */
  async unloaded(roomId: string): Promise<void> {
    await this.unloading.get(roomId);
  }

  isLoaded(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  /**
   * Hands what a host stored to the room if it is loaded or loading (a load that read
   * the record before the change gets it too).
   */
  async applySettings(roomId: string, controls: RoomControls, session: RoomSession): Promise<void> {
    // A load that fails has no room to tell (its joins are told of the failure).
    const room = await this.rooms.get(roomId)?.catch(() => null);
    room?.applySettings(controls, session);
  }

  /**
   * Hands a class's new message, timer or title to its rooms that are loaded or loading
   * (a load that read the class before the change gets it too).
   */
  async applyClassInfo(classInfo: ClassInfo): Promise<void> {
    const rooms = await Promise.all([...this.rooms.values()].map((loading) => loading.catch(() => null)));
    for (const room of rooms) room?.applyClassInfo(classInfo);
  }

  /**
   * Reads every loaded room's record again and hands its settings and class to the room
   * (changes made on other servers may have been missed). Returns the rooms no longer
   * stored: deleted meanwhile.
   */
  async reread(): Promise<string[]> {
    const { database, classInfo } = this.options;
    const deleted: string[] = [];
    await Promise.all(
      [...this.ready.values()].map(async (room) => {
        const record = await database.rooms.find(room.id);
        if (!record) {
          deleted.push(room.id);
          return;
        }
        const { controls, session } = settingsOf(record);
        room.applySettings(controls, session);
        const info = record.classId ? await classInfo?.(record.classId) : null;
        if (info) room.applyClassInfo(info);
      }),
    );
    return deleted;
  }

  /** Adds `peer` to the room; null when no room has this id. */
  async join(roomId: string, peer: RoomPeer): Promise<Room | null> {
    if (this.closing) return null;
    let loading = this.rooms.get(roomId);
    if (!loading) {
      await this.unloading.get(roomId);
      loading = this.rooms.get(roomId) ?? this.load(roomId);
      this.rooms.set(roomId, loading);
    }
    const room = await loading;
    if (this.rooms.get(roomId) !== loading) {
      // Unloaded (last peer left) while this join waited: load it again.
      return room ? this.join(roomId, peer) : null;
    }
    if (!room) {
      this.rooms.delete(roomId);
      return null;
    }
    this.ready.set(roomId, room);
    room.join(peer);
    return room;
  }

  leave(room: Room, peer: RoomPeer): void {
    if (room.leave(peer) > 0 || this.closing) return;
    // Everyone left: a queued or running job is cancelled (and stored as such), unless other servers' people watch it.
    room.emptied();
    if (this.unloading.has(room.id)) return;
    const unloaded = this.unloadWhenStored(room)
      .catch((err) => this.options.log.error({ err, roomId: room.id }, 'unloading room failed'))
      .finally(() => this.unloading.delete(room.id));
    this.unloading.set(room.id, unloaded);
  }

  private async unloadWhenStored(room: Room): Promise<void> {
    await room.stored();
    // A job watched from other servers goes on; the room unloads once it has ended.
    await room.jobsDone();
    // Someone came back meanwhile: the room stays; their leave unloads it later.
    if (room.peerCount > 0) return;
    this.rooms.delete(room.id);
    this.ready.delete(room.id);
    this.options.onRoomUnload?.(room);
    await room.close();
  }

  /** Stores and unloads every room, then stops the update log writer. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const rooms = await Promise.all(this.rooms.values());
      this.rooms.clear();
      this.ready.clear();
      await Promise.all([...rooms.map((room) => room?.close()), ...this.unloading.values()]);
      await this.updateLog.close();
    })();
    return this.closing;
  }

  /**
   * With other servers, the room's messages are heard from before its record is read, so
   * nothing they publish meanwhile is missed (it is applied once the room exists).
   */
  private async load(roomId: string): Promise<Room | null> {
    const link = (await this.options.links?.open(roomId)) ?? null;
    try {
      const room = await this.read(roomId, link);
      if (room)
        link?.attach(
          (message) => room.receiveRemote(message),
          () => room.unsentToOthers(),
        );
      else await link?.close();
      return room;
    } catch (err) {
      await link?.close();
      throw err;
    }
  }

  private async read(roomId: string, link: RoomLink | null): Promise<Room | null> {
    const { database, judge, runLimits, docMaxBytes, log } = this.options;
    const record = await database.rooms.find(roomId);
    if (!record) return null;
    const { cluster } = this.options;
    const reads: StoredReads = {
      atLoad: () => loadRoomDoc(database, record),
      // Another server may have stored the room since this record was read.
      now: async () => {
        const latest = await database.rooms.find(roomId);
        return latest && loadRoomDoc(database, latest);
      },
    };
    // A job without its end was cut off by a crash, unless another server runs it now.
    const runningElsewhere = link ? (await link.jobLock.holder()) !== null : false;
    const [{ loaded, link: shared }, lastRun, lastSubmission, chat, classInfo] = await Promise.all([
      cluster
        ? cluster.load(roomId, this.updateLog, reads)
        : reads.atLoad().then((stored) => ({ loaded: stored, link: null })),
      latestJob(
        record.latestRunId,
        (id) => database.runs.findById(id),
        () => database.runs.findLatest(roomId),
      ),
      latestJob(
        record.latestSubmissionId,
        (id) => database.submissions.findById(id),
        () => database.submissions.findLatestByRoom(roomId),
      ),
      database.roomChat.recent(roomId, CHAT_HISTORY_SIZE),
      record.classId ? this.options.classInfo?.(record.classId) : null,
    ]);
    const room = new Room({
      record,
      loaded,
      classInfo: classInfo ?? null,
      lastRun: lastRun ? toRunView(runningElsewhere ? lastRun : await this.settleInterrupted(lastRun)) : null,
      lastSubmission: lastSubmission
        ? toSubmissionView(runningElsewhere ? lastSubmission : await this.settleInterruptedSubmission(lastSubmission))
        : null,
      chatHistory: chat.map(toChatMessage),
      store: this.store,
      plan: this.plan,
      judge,
      runLimits,
      updateLog: shared ?? this.updateLog,
      docMaxBytes,
      onSessionDue: this.options.onSessionDue,
      onChange: this.options.onRoomChange,
      link,
      log,
    });
    if (shared) cluster?.attach(shared, room);
    return room;
  }

  /** A submission never finished was cut off by a crash or restart: record that it ended. */
  private async settleInterruptedSubmission(record: SubmissionRecord): Promise<SubmissionRecord> {
    if (record.finished) return record;
    const finished: FinishedEvent = {
      type: 'finished',
      verdict: 'internal-error',
      passed: 0,
      total: record.total,
      totalMs: 0,
      message: 'The server restarted during this submission.',
    };
    const events = [...record.events, ...record.results, finished];
    await this.options.database.submissions.finish(record._id, events, finished);
    return { ...record, finished };
  }

  /** A run without an exit was cut off by a crash or restart: record that it ended. */
  private async settleInterrupted(run: RunRecord) {
    if (run.exit) return run;
    const exit = {
      type: 'exit' as const,
      outcome: 'error' as const,
      code: null,
      signal: null,
      durationMs: 0,
      message: 'The server restarted during this run.',
    };
    const events = [...run.events, exit];
    await this.options.database.runs.finish(run._id, events, exit);
    return { ...run, events, exit };
  }
}

/** The job a room record points at; a search for rooms made before records pointed at theirs. */
export function latestJob<T>(
  pointer: string | null | undefined,
  byId: (id: string) => Promise<T | null>,
  search: () => Promise<T | null>,
): Promise<T | null> {
  if (pointer === undefined) return search();
  return pointer === null ? Promise.resolve(null) : byId(pointer);
}
