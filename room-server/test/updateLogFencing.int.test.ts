import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../src/database.ts';
import { UpdateLogWriter, updateLogStore } from '../src/rooms/UpdateLogWriter.ts';
import { openTestDatabase, testLogger } from './harness.ts';

// Two storage lease holders of one room, as when a holder pauses past its lease and a
// new one takes over: the real database's unique {room, seq} index and the epoch on
// each entry keep the log free of duplicates and gaps.

let database: Database;
const writers: UpdateLogWriter[] = [];
const bytes = (text: string) => new TextEncoder().encode(text);
const author = { userId: 'ann' };

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await Promise.all(writers.map((writer) => writer.close()));
  await database.close();
});

/** A holder's log of `room` in a writer of its own (a server of its own). */
function holder(room: string, epoch: number, lastSeq: number, onFenced = () => {}) {
  const writer = new UpdateLogWriter({ store: updateLogStore(database), log: testLogger, batchMs: 10 });
  writers.push(writer);
  const log = writer.open({
    roomId: room,
    lastSeq,
    sinceSnapshot: { updates: 0, bytes: 0 },
    snapshot: () => bytes('doc'),
    onStorageState: () => {},
    epoch,
    onFenced,
  });
  return { writer, log };
}

async function stored(room: string) {
  return (await database.roomUpdates.after(room, 0)).map(({ seq, epoch, source }) => ({ seq, epoch, source }));
}

describe('update log fencing', () => {
  it('a stale holder’s write under a number a newer holder stored is refused, and it stops writing', async () => {
    const room = 'fence-stale';
    const fresh = holder(room, 2, 0);
    fresh.log.appendFrom(author, bytes('one'), '1-0');
    fresh.log.appendFrom(author, bytes('two'), '2-0');
    await fresh.writer.idle();
    const fenced = vi.fn();
    const stale = holder(room, 1, 1, fenced);
    stale.log.appendFrom(author, bytes('stale'), '3-0');
    stale.log.appendFrom(author, bytes('stale too'), '4-0');
    await stale.writer.idle();
    expect(fenced).toHaveBeenCalledOnce();
    expect(stale.log.pending).toHaveLength(0);
    expect(stale.writer.waitingRooms()).toEqual([]);
    expect(await stored(room)).toEqual([
      { seq: 1, epoch: 2, source: '1-0' },
      { seq: 2, epoch: 2, source: '2-0' },
    ]);
  });

  it('a newer holder whose number an older one took first stores after it, without storing that entry twice', async () => {
    const room = 'fence-late';
    // The old holder, not yet aware it lost the lease, stores stream entry 5-0 as seq 1.
    const old = holder(room, 1, 0);
    old.log.appendFrom(author, bytes('five'), '5-0');
    await old.writer.idle();
    // The new holder read the log before that: it logs 4-0 and 5-0 from 1 on.
    const fenced = vi.fn();
    const fresh = holder(room, 2, 0, fenced);
    fresh.log.appendFrom(author, bytes('four'), '4-0');
    fresh.log.appendFrom(author, bytes('five'), '5-0');
    await fresh.writer.idle();
    expect(fenced).not.toHaveBeenCalled();
    expect(await stored(room)).toEqual([
      { seq: 1, epoch: 1, source: '5-0' },
      { seq: 2, epoch: 2, source: '4-0' },
    ]);
    // The old holder's next write meets the new holder's entry: fenced.
    const oldFenced = vi.fn();
    const older = holder(room, 1, 1, oldFenced);
    older.log.appendFrom(author, bytes('six'), '6-0');
    await older.writer.idle();
    expect(oldFenced).toHaveBeenCalledOnce();
    expect(await stored(room)).toHaveLength(2);
  });
});
