import type { ExitEvent, FinishedEvent, LanguageId, RunEvent, SubmitEvent } from '@codestream/shared';
import type { SubmissionRecord } from '../submissions/SubmissionRepository.ts';
import type { ChatRecord } from './ChatRepository.ts';
import type { RoomActivityFacts } from './RoomActivity.ts';
import type { RoomLogOptions, RoomUpdateLog } from './RoomLog.ts';
import type { RunRecord } from './RunRepository.ts';

/** A run as stored when it starts; its events and exit are added by finishRun. */
export type NewRunRecord = Omit<RunRecord, 'finishedAt' | 'events' | 'exit'>;
/** A submission as stored when it starts; its events and verdict are added by finishSubmission. */
export type NewSubmissionRecord = Omit<SubmissionRecord, 'finishedAt' | 'events' | 'results' | 'finished'>;

/**
 * What a loaded room stores besides its updates: its runs, submissions and settings.
 * MongoDB behind it in the server (mongoRoomStore), memory in unit tests.
 */
export interface RoomStore {
  insertRun(run: NewRunRecord): Promise<void>;
  /** `ifUnfinished`: only when no end is stored yet. */
  finishRun(id: string, events: RunEvent[], exit: ExitEvent, ifUnfinished?: boolean): Promise<void>;
  insertSubmission(submission: NewSubmissionRecord): Promise<void>;
  finishSubmission(id: string, events: SubmitEvent[], finished: FinishedEvent, ifUnfinished?: boolean): Promise<void>;
  setLanguage(roomId: string, language: LanguageId): Promise<void>;
  /** Stores one chat message (before anyone is sent it). */
  insertChat(record: ChatRecord): Promise<void>;
  /** The room unloads with every update stored: its whole doc as of update `seq`, and its activity. */
  storeClosedDoc(roomId: string, doc: Uint8Array, seq: number, activity: RoomActivityFacts): Promise<void>;
}

/** What a room needs of the process's update log writer: its own log to append to. */
export interface UpdateLog {
  open(options: RoomLogOptions): RoomUpdateLog;
}
