import { type RoomSummary, SUMMARY_INTERVAL_MS } from '@codestream/shared';
import * as Y from 'yjs';
import type { Logger } from '../log/logger.ts';
import { toSubmissionView } from '../submissions/SubmissionRepository.ts';
import type { SubmissionRepositories } from '../submissions/submissionRepositories.ts';
import { loadRoomDoc } from './loadRoomDoc.ts';
import type { Room } from './Room.ts';
import { NO_ACTIVITY } from './RoomActivity.ts';
import { latestJob, type RoomRegistry } from './RoomRegistry.ts';
import { toRunView } from './RunRepository.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { mergeSummaries, type SummaryExchange } from './SummaryExchange.ts';
import { summarizeRoom } from './summarizeRoom.ts';

/** One dashboard: it is offered rooms' newest summaries and sends them when it can. */
export interface SummaryWatcher {
  /** A room's newer summary; it replaces one of the same room not sent yet. */
  offer(summary: RoomSummary): void;
  /** The end of a tick: send what was offered, if the socket can take it now. */
  flush(): void;
}

export interface RoomSummariesOptions {
  registry: Pick<RoomRegistry, 'readyRoom'>;
  database: RoomRepositories & SubmissionRepositories;
  /** How often changed rooms are summarised (default SUMMARY_INTERVAL_MS). */
  intervalMs?: number;
  /** Other servers' dashboards and rooms (scale-out); absent on a single machine. */
  exchange?: SummaryExchange;
  log: Logger;
}

/** Another server's summary not refreshed for this long is dropped (that server is gone, or its room unloaded). */
const REMOTE_SUMMARY_TTL_MS = 30_000;

/** Stored summaries read at once for one watch (the embedded database answers one at a time anyway). */
const STORED_READS_AT_ONCE = 8;

/**
 * Summaries of watched rooms. A loaded room says when something changed; once per tick
 * each changed room is summarised once and offered to its watchers, so a room reaches a
 * dashboard at most once per tick whatever happens in it. A room nobody is in is
 * summarised from its record (doc, activity, latest jobs by _id) or, when it just
 * unloaded, from its last loaded state.
 */
export class RoomSummaries {
  private readonly watchers = new Map<string, Set<SummaryWatcher>>();
  private readonly everyone = new Set<SummaryWatcher>();
  private readonly dirty = new Set<string>();
  /** Summaries of watched rooms that are not loaded (dropped when no one watches them). */
  private readonly unloaded = new Map<string, RoomSummary>();
  /** Watched rooms' summaries from other servers, by server, with when they came. */
  private readonly remote = new Map<string, Map<string, { summary: RoomSummary; at: number }>>();
  /** Stops hearing other servers' summaries of a watched room. */
  private readonly following = new Map<string, () => void>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: RoomSummariesOptions) {
    this.timer = setInterval(() => this.tick(), options.intervalMs ?? SUMMARY_INTERVAL_MS);
    this.timer.unref();
  }

  /** A loaded room's summary changed (cheap: only marks it). */
  changed(roomId: string): void {
    if (this.watchers.has(roomId) || this.options.exchange?.watchedElsewhere(roomId)) this.dirty.add(roomId);
  }

  /** A room unloads: its last state is what its watchers see until it loads again. */
  unloading(room: Room): void {
    if (this.options.exchange?.watchedElsewhere(room.id)) this.options.exchange.publish(room.summary());
    if (!this.watchers.has(room.id)) return;
    this.unloaded.set(room.id, room.summary());
    this.dirty.add(room.id);
  }

  /** Starts offering `roomIds` to `watcher`, beginning with their summaries now. */
  async watch(watcher: SummaryWatcher, roomIds: readonly string[]): Promise<void> {
    this.everyone.add(watcher);
    for (const roomId of roomIds) {
      const set = this.watchers.get(roomId) ?? new Set<SummaryWatcher>();
      this.watchers.set(roomId, set);
      set.add(watcher);
      this.followElsewhere(roomId);
    }
    for (let i = 0; i < roomIds.length; i += STORED_READS_AT_ONCE) {
      const batch = roomIds.slice(i, i + STORED_READS_AT_ONCE);
      const summaries = await Promise.all(batch.map((roomId) => this.current(roomId)));
      for (const summary of summaries)
        if (summary && this.watchers.get(summary.roomId)?.has(watcher)) watcher.offer(summary);
    }
    watcher.flush();
  }

  /** Stops offering `roomIds` (all of them, with none given) to `watcher`. */
  unwatch(watcher: SummaryWatcher, roomIds?: Iterable<string>): void {
    if (!roomIds) this.everyone.delete(watcher);
    for (const roomId of roomIds ?? [...this.watchers.keys()]) {
      const set = this.watchers.get(roomId);
      if (!set?.delete(watcher) || set.size > 0) continue;
      this.watchers.delete(roomId);
      this.unloaded.delete(roomId);
      this.dirty.delete(roomId);
      this.following.get(roomId)?.();
      this.following.delete(roomId);
      this.remote.delete(roomId);
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const stop of this.following.values()) stop();
    this.following.clear();
    this.remote.clear();
    this.options.exchange?.close();
    this.watchers.clear();
    this.everyone.clear();
    this.unloaded.clear();
  }

  /** Hears what other servers know of a watched room (its people may be there). */
  private followElsewhere(roomId: string): void {
    const { exchange } = this.options;
    if (!exchange || this.following.has(roomId)) return;
    const stop = exchange.follow(roomId, (summary, from) => {
      const known = this.remote.get(roomId) ?? new Map();
      this.remote.set(roomId, known);
      known.set(from, { summary, at: Date.now() });
      this.dirty.add(roomId);
    });
    this.following.set(roomId, stop);
  }

  /**
   * One summary per changed room, offered to each of its watchers (here, and on other
   * servers when a loaded room is watched there); then every watcher flushes.
   */
  private tick(): void {
    this.dropStaleRemote();
    for (const roomId of this.dirty) {
      const here = this.options.registry.readyRoom(roomId)?.summary();
      if (here && this.options.exchange?.watchedElsewhere(roomId)) this.options.exchange.publish(here);
      if (!this.watchers.has(roomId)) continue;
      const summary = this.merged(roomId, here ?? this.unloaded.get(roomId));
      if (!summary) continue;
      for (const watcher of this.watchers.get(roomId) ?? []) watcher.offer(summary);
    }
    this.dirty.clear();
    for (const watcher of this.everyone) watcher.flush();
  }

  /** This server's summary of the room merged with the other servers'. */
  private merged(roomId: string, here: RoomSummary | undefined): RoomSummary | undefined {
    const elsewhere = [...(this.remote.get(roomId)?.values() ?? [])].map(({ summary }) => summary);
    return mergeSummaries(here ? [here, ...elsewhere] : elsewhere);
  }

  private dropStaleRemote(): void {
    const oldest = Date.now() - REMOTE_SUMMARY_TTL_MS;
    for (const [roomId, known] of this.remote) {
      for (const [from, { at }] of known) {
        if (at >= oldest) continue;
        known.delete(from);
        this.dirty.add(roomId);
      }
    }
  }

  private async current(roomId: string): Promise<RoomSummary | null> {
    const room = this.options.registry.readyRoom(roomId);
    if (room) return this.merged(roomId, room.summary()) ?? null;
    const known = this.unloaded.get(roomId);
    if (known) return this.merged(roomId, known) ?? null;
    try {
      const stored = await this.stored(roomId);
      // Loaded meanwhile: the room's own summary is newer, and comes with its changes.
      if (stored && !this.options.registry.readyRoom(roomId) && this.watchers.has(roomId)) {
        this.unloaded.set(roomId, stored);
      }
      return this.options.registry.readyRoom(roomId)?.summary() ?? stored;
    } catch (err) {
      this.options.log.error({ err, roomId }, 'reading a room summary failed');
      return null;
    }
  }

  /** A room nobody is in, as stored: its record (and log, after an unclean end) and its latest jobs by _id. */
  private async stored(roomId: string): Promise<RoomSummary | null> {
    const { database } = this.options;
    const record = await database.rooms.find(roomId);
    if (!record) return null;
    const [loaded, run, submission] = await Promise.all([
      loadRoomDoc(database, record),
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
    ]);
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, loaded.state);
      return summarizeRoom({
        roomId,
        title: record.session?.title ?? '',
        language: record.language,
        createdAt: record.createdAt.getTime(),
        online: [],
        code: doc.getText('code').toString(),
        activity: record.activity ?? NO_ACTIVITY,
        run: run && toRunView(run),
        submission: submission && toSubmissionView(submission),
      });
    } finally {
      doc.destroy();
    }
  }
}
