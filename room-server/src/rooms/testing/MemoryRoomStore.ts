import type { ExitEvent, FinishedEvent, LanguageId, RunEvent, SubmitEvent } from '@codestream/shared';
import type { ChatRecord } from '../ChatRepository.ts';
import type { RoomActivityFacts } from '../RoomActivity.ts';
import type { RoomEvent } from '../RoomEventRepository.ts';
import type { RoomSnapshot } from '../RoomSnapshotRepository.ts';
import type { NewRunRecord, NewSubmissionRecord, RoomStore } from '../RoomStore.ts';
import type { RoomUpdate } from '../RoomUpdateRepository.ts';
import type { UpdateLogStore } from '../UpdateLogWriter.ts';

/**
 * Everything a room stores, in memory: the update log (with its unique {room, seq}) and
 * the room's runs, submissions and language. Failures are scripted: the next
 * `failUpdates` appendUpdates calls throw, as do the next `failInserts` inserts of a run
 * or submission, and appendUpdates waits while `gate` is set.
 */
export class MemoryRoomStore implements RoomStore, UpdateLogStore {
  readonly updates: RoomUpdate[] = [];
  readonly snapshots: RoomSnapshot[] = [];
  readonly events: RoomEvent[] = [];
  readonly runs = new Map<string, NewRunRecord & { events?: RunEvent[]; exit?: ExitEvent }>();
  readonly submissions = new Map<string, NewSubmissionRecord & { events?: SubmitEvent[]; finished?: FinishedEvent }>();
  readonly languages = new Map<string, LanguageId>();
  /** Entries handed to each appendUpdates call, failed ones included. */
  readonly appendCalls: number[] = [];
  failUpdates = 0;
  failInserts = 0;
  gate: Promise<void> | null = null;

  async appendUpdates(entries: readonly RoomUpdate[]) {
    this.appendCalls.push(entries.length);
    await this.gate;
    if (this.failUpdates > 0) {
      this.failUpdates -= 1;
      throw new Error('database unavailable');
    }
    for (const [index, entry] of entries.entries()) {
      if (this.updates.some((u) => u.room === entry.room && u.seq === entry.seq)) return { duplicateAt: index };
      this.updates.push({ ...entry });
    }
    return { duplicateAt: null };
  }

  async findUpdate(room: string, seq: number) {
    return this.updates.find((u) => u.room === room && u.seq === seq) ?? null;
  }

  async lastSeq(room: string) {
    return Math.max(0, ...this.updates.filter((u) => u.room === room).map((u) => u.seq));
  }

  async appendSnapshots(snapshots: readonly RoomSnapshot[]) {
    this.snapshots.push(...snapshots);
  }

  async appendEvents(events: readonly RoomEvent[]) {
    this.events.push(...events);
  }

  async markOpen() {}

  async insertRun(run: NewRunRecord) {
    this.failInsert();
    this.runs.set(run._id, { ...run });
  }

  async finishRun(id: string, events: RunEvent[], exit: ExitEvent, ifUnfinished = false) {
    const run = this.runs.get(id);
    if (run && !(ifUnfinished && run.exit)) Object.assign(run, { events: [...events], exit });
  }

  async insertSubmission(submission: NewSubmissionRecord) {
    this.failInsert();
    this.submissions.set(submission._id, { ...submission });
  }

  async finishSubmission(id: string, events: SubmitEvent[], finished: FinishedEvent, ifUnfinished = false) {
    const submission = this.submissions.get(id);
    if (submission && !(ifUnfinished && submission.finished))
      Object.assign(submission, { events: [...events], finished });
  }

  private failInsert(): void {
    if (this.failInserts > 0) {
      this.failInserts -= 1;
      throw new Error('database unavailable');
    }
  }

  /** The next `failLanguages` setLanguage calls throw. */
  failLanguages = 0;

  async setLanguage(roomId: string, language: LanguageId) {
    if (this.failLanguages > 0) {
      this.failLanguages -= 1;
      throw new Error('database unavailable');
    }
    this.languages.set(roomId, language);
  }

  readonly chat: ChatRecord[] = [];
  /** The next `failChats` insertChat calls throw. */
  failChats = 0;

  async insertChat(record: ChatRecord) {
    if (this.failChats > 0) {
      this.failChats -= 1;
      throw new Error('database unavailable');
    }
    this.chat.push({ ...record });
  }

  /** Each room's doc as stored when it last unloaded, with the update it includes. */
  readonly closedDocs = new Map<string, { doc: Uint8Array; seq: number; activity: RoomActivityFacts }>();

  async storeClosedDoc(roomId: string, doc: Uint8Array, seq: number, activity: RoomActivityFacts) {
    this.closedDocs.set(roomId, { doc, seq, activity });
  }
}
