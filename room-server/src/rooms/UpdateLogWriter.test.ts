import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../log/logger.ts';
import type { RoomEvent } from './RoomEventRepository.ts';
import type { StorageState } from './RoomLog.ts';
import type { RoomSnapshot } from './RoomSnapshotRepository.ts';
import type { RoomUpdate } from './RoomUpdateRepository.ts';
import { type UpdateLogStore, UpdateLogWriter } from './UpdateLogWriter.ts';

/** The log collections in memory, with the unique {room, seq} index and scriptable failures. */
class FakeStore implements UpdateLogStore {
  readonly updates: RoomUpdate[] = [];
  readonly snapshots: RoomSnapshot[] = [];
  readonly events: RoomEvent[] = [];
  /** Every appendUpdates call: when, and how many entries. */
  readonly calls: { at: number; entries: RoomUpdate[] }[] = [];
  /** Thrown by the next appendUpdates calls, one each. */
  failures: Error[] = [];
  /** While set, appendUpdates waits for it. */
  gate: Promise<void> | null = null;

  async appendUpdates(entries: readonly RoomUpdate[]) {
    this.calls.push({ at: Date.now(), entries: entries.map((entry) => ({ ...entry })) });
    await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
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

  readonly marked: string[][] = [];

  async markOpen(rooms: readonly string[]) {
    this.marked.push([...rooms]);
  }

  stored(room: string) {
    return this.updates.filter((u) => u.room === room).map((u) => [u.seq, Buffer.from(u.update).toString()]);
  }
}

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() }) satisfies Logger;
const bytes = (text: string) => new TextEncoder().encode(text);
const ann = { userId: 'ann' };

let store: FakeStore;
let writer: UpdateLogWriter;
let log: ReturnType<typeof logger>;

function open(roomId: string, lastSeq = 0, states: [StorageState, number][] = []) {
  return writer.open({
    roomId,
    lastSeq,
    sinceSnapshot: { updates: 0, bytes: 0 },
    snapshot: () => bytes(`doc of ${roomId}`),
    onStorageState: (state, since) => states.push([state, since]),
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  store = new FakeStore();
  log = logger();
  writer = new UpdateLogWriter({
    store,
    log,
    batchMs: 100,
    backoff: { initialMs: 100, maxMs: 400 },
    waitingAfterMs: 1_000,
    reportEveryMs: 5_000,
    snapshotEvery: { updates: 3, bytes: 1024 },
  });
});

afterEach(async () => {
  store.gate = null;
  store.failures = [];
  const closed = writer.close();
  await vi.advanceTimersByTimeAsync(10_000);
  await closed;
  vi.useRealTimers();
});

describe('UpdateLogWriter', () => {
  it('stores the pending updates of several rooms in one insertMany, each room in order from its last seq', async () => {
    const a = open('a', 7);
    const b = open('b');
    a.append(ann, bytes('a1'));
    b.append({ guest: 'Zoe' }, bytes('b1'));
    a.append(ann, bytes('a2'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.calls).toHaveLength(1);
    expect(store.calls[0]?.entries.map((e) => [e.room, e.seq, e.author])).toEqual([
      ['a', 8, ann],
      ['a', 9, ann],
      ['b', 1, { guest: 'Zoe' }],
    ]);
    expect(writer.waitingRooms()).toEqual([]);
  });

  it("marks the rooms of a batch open once per load, in one write before their first updates' insert", async () => {
    const a = open('a');
    const b = open('b');
    open('c');
    a.append(ann, bytes('a1'));
    b.append(ann, bytes('b1'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.marked).toEqual([['a', 'b']]);
    a.append(ann, bytes('a2'));
    await vi.advanceTimersByTimeAsync(200);
    expect(store.calls).toHaveLength(2);
    expect(store.marked).toEqual([['a', 'b']]);
  });

  it('has one insertMany out at a time; what arrives meanwhile goes in the next, in order', async () => {
    const a = open('a');
    let release = () => {};
    store.gate = new Promise((resolve) => {
      release = resolve;
    });
    a.append(ann, bytes('1'));
    await vi.advanceTimersByTimeAsync(0);
    a.append(ann, bytes('2'));
    a.append(ann, bytes('3'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.calls).toHaveLength(1);
    store.gate = null;
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(store.calls.map((call) => call.entries.map((e) => e.seq))).toEqual([[1], [2, 3]]);
    expect(store.stored('a')).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
    ]);
  });

  it('retries a failed batch with a doubling backoff, capped, and logs the outage once', async () => {
    const a = open('a');
    store.failures = ['busy 1', 'busy 2', 'busy 3', 'busy 4'].map((m) => new Error(`SQLITE_BUSY: ${m}`));
    a.append(ann, bytes('x'));
    const stored = a.stored();
    await vi.advanceTimersByTimeAsync(5_000);
    await stored;
    const starts = store.calls.map((call) => call.at);
    const waits = starts.slice(1).map((at, i) => at - (starts[i] as number));
    expect(waits).toEqual([100, 200, 400, 400]);
    expect(store.stored('a')).toEqual([[1, 'x']]);
    const retryWarnings = log.warn.mock.calls.filter(([, message]) =>
      message.startsWith('storing the update log failed'),
    );
    expect(retryWarnings).toHaveLength(1);
    expect(log.info).toHaveBeenCalledWith({ failedBatches: 4 }, 'update log stored again');
  });

  it('treats a duplicate with the same bytes as stored (a lost reply) and moves on', async () => {
    const a = open('a');
    store.updates.push({ room: 'a', seq: 1, at: new Date(), author: ann, update: bytes('one') });
    a.append(ann, bytes('one'));
    a.append(ann, bytes('two'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.stored('a')).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect(a.pending).toEqual([]);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('stores an update whose number holds other bytes after the last stored one, loudly', async () => {
    const a = open('a');
    store.updates.push({ room: 'a', seq: 1, at: new Date(), author: ann, update: bytes('theirs') });
    store.updates.push({ room: 'a', seq: 2, at: new Date(), author: ann, update: bytes('theirs too') });
    a.append(ann, bytes('mine'));
    a.append(ann, bytes('mine too'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.stored('a')).toEqual([
      [1, 'theirs'],
      [2, 'theirs too'],
      [3, 'mine'],
      [4, 'mine too'],
    ]);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(store.calls.length).toBeLessThanOrEqual(2);
  });

  it('tells the room when its edits wait, reports it, and tells it again when they are stored', async () => {
    const states: [StorageState, number][] = [];
    const a = open('a', 0, states);
    let release = () => {};
    store.gate = new Promise((resolve) => {
      release = resolve;
    });
    const acceptedAt = Date.now();
    a.append(ann, bytes('x'));
    await vi.advanceTimersByTimeAsync(900);
    expect(states).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(states).toEqual([['waiting', acceptedAt]]);
    expect(writer.waitingRooms()).toEqual([{ roomId: 'a', unstoredUpdates: 1, oldestAgeMs: 1_300 }]);
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ rooms: [expect.objectContaining({ roomId: 'a' })] }),
      'room edits wait to be stored',
    );
    let stored = false;
    void a.stored().then(() => {
      stored = true;
    });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(stored).toBe(false);
    store.gate = null;
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(stored).toBe(true);
    expect(states.map(([state]) => state)).toEqual(['waiting', 'stored']);
    expect(writer.waitingRooms()).toEqual([]);
  });

  it('snapshots the room every few updates, at the seq of the update that completed it, and stores joins and leaves', async () => {
    const a = open('a', 10);
    a.event('join', ann);
    for (const text of ['1', '2', '3', '4']) a.append(ann, bytes(text));
    a.event('leave', ann);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.snapshots.map((s) => [s.room, s.seq, Buffer.from(s.doc).toString()])).toEqual([['a', 13, 'doc of a']]);
    expect(store.events.map((e) => [e.kind, e.who])).toEqual([
      ['join', ann],
      ['leave', ann],
    ]);
  });

  it('refuses to let a room leave, or load a second time, with unstored updates', () => {
    const a = open('a');
    a.append(ann, bytes('x'));
    expect(() => a.close()).toThrow(/unstored/);
    expect(() => open('a')).toThrow(/unstored/);
  });

  it('tells its observer of every accepted update, every insert and every failed batch', async () => {
    const seen = { accepted: 0, written: [] as number[], failed: 0 };
    const observed = new UpdateLogWriter({
      store,
      log,
      batchMs: 100,
      backoff: { initialMs: 100, maxMs: 400 },
      observer: {
        accepted: () => seen.accepted++,
        written: (ms) => seen.written.push(ms),
        failed: () => seen.failed++,
      },
    });
    const room = observed.open({
      roomId: 'o',
      lastSeq: 0,
      sinceSnapshot: { updates: 0, bytes: 0 },
      snapshot: () => bytes('doc'),
      onStorageState: () => {},
    });
    store.failures = [new Error('database away')];
    room.append(ann, bytes('1'));
    room.append(ann, bytes('2'));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toMatchObject({ accepted: 2, written: [], failed: 1 });
    await vi.advanceTimersByTimeAsync(100);
    expect(seen.failed).toBe(1);
    expect(seen.written).toHaveLength(1);
    expect(seen.written[0]).toBeGreaterThanOrEqual(0);
    const closed = observed.close();
    await vi.advanceTimersByTimeAsync(1_000);
    await closed;
  });
});
