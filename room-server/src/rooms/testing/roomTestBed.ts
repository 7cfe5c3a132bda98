import type { RoomRole, RoomSession, RunView, SubmissionView } from '@codestream/shared';
import type { Logger } from '../../log/logger.ts';
import type { SubmissionPlan } from '../../submissions/submissionPlan.ts';
import { Room } from '../Room.ts';
import type { RoomLink, RoomRelayMessage } from '../RoomRelay.ts';
import { type UpdateLogSettings, UpdateLogWriter } from '../UpdateLogWriter.ts';
import { FakePeer } from './FakePeer.ts';
import { MemoryRoomStore } from './MemoryRoomStore.ts';
import { ScriptedJudge } from './ScriptedJudge.ts';

export interface TestRoomOptions {
  problemSlug?: string | null;
  plan?(slug: string): Promise<SubmissionPlan | string>;
  lastRun?: RunView | null;
  lastSubmission?: SubmissionView | null;
  docMaxBytes?: number;
  updateLog?: Partial<UpdateLogSettings>;
  session?: RoomSession;
  onSessionDue?(roomId: string): void;
  onChange?(roomId: string): void;
  /** The room's line to other servers (see otherServers). */
  link?: RoomLink;
}

/** A logger that keeps its entries, so tests can see what was reported. */
export function memoryLogger(): Logger & { entries: { level: string; message: string }[] } {
  const entries: { level: string; message: string }[] = [];
  return {
    entries,
    info: (_fields, message) => entries.push({ level: 'info', message }),
    warn: (_fields, message) => entries.push({ level: 'warn', message }),
    error: (_fields, message) => entries.push({ level: 'error', message }),
  };
}

export const ONE_TEST_PLAN: SubmissionPlan = {
  tests: [{ id: 't1', kind: 'sample', input: '', expectedOutput: 'hi\n' }],
  checker: { type: 'exact' },
  limits: { timeMs: 1000, memoryMb: 64 },
  stopAtFirstFailure: false,
};

/** A Room with an in-memory store, a scripted judge and a real update log writer. */
export function createTestRoom(options: TestRoomOptions = {}) {
  const store = new MemoryRoomStore();
  const judge = new ScriptedJudge();
  const log = memoryLogger();
  const writer = new UpdateLogWriter({
    store,
    log,
    batchMs: 50,
    backoff: { initialMs: 100, maxMs: 400 },
    waitingAfterMs: 1_000,
    ...options.updateLog,
  });
  const room = new Room({
    record: {
      _id: 'room-1',
      language: 'python',
      problemSlug: options.problemSlug ?? null,
      ...(options.session ? { session: options.session } : {}),
    },
    loaded: { state: new Uint8Array([0, 0]), lastSeq: 0, sinceSnapshot: { updates: 0, bytes: 0 } },
    lastRun: options.lastRun ?? null,
    lastSubmission: options.lastSubmission ?? null,
    store,
    plan: options.plan ?? (async () => ONE_TEST_PLAN),
    judge,
    runLimits: { timeMs: 1000, memoryMb: 64, outputBytes: 1 << 16 },
    updateLog: writer,
    docMaxBytes: options.docMaxBytes ?? 64 * 1024,
    onSessionDue: options.onSessionDue,
    onChange: options.onChange,
    link: options.link ?? null,
    log,
  });
  const peers: FakePeer[] = [];
  return {
    room,
    store,
    judge,
    writer,
    log,
    /** A participant, joined and synced. */
    join(name: string, userId: string | null = null, role: RoomRole = 'editor'): FakePeer {
      const peer = new FakePeer(room, name, userId, role);
      peers.push(peer);
      return peer.join();
    },
    async close(): Promise<void> {
      await room.close();
      await writer.close();
      for (const peer of peers) peer.close();
    },
  };
}

/**
 * Other servers as a room's link sees them: `published` keeps what the room publishes
 * (what they publish reaches it through `room.receiveRemote`); the job slot is free, or
 * held by `slotHolder`.
 */
export function otherServers(slotHolder: string | null = null) {
  const published: RoomRelayMessage[] = [];
  const link: RoomLink = {
    publish: (message) => published.push(message),
    jobLock: {
      acquire: async () => slotHolder,
      release() {},
      holder: async () => slotHolder,
      claimSettling: async () => false,
      checkEveryMs: 60_000,
    },
    attach() {},
    close: async () => {},
  };
  return { link, published };
}
