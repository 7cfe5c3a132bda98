import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { openTestDatabase } from './harness.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const entry = (seq: number, text: string) => ({
  room: 'r1',
  seq,
  at: new Date(),
  author: { guest: 'Zoe' },
  update: new TextEncoder().encode(text),
});

describe('update log repositories on the real database', () => {
  it('stores entries in order and reports the first taken {room, seq} with the ones before it stored', async () => {
    expect(await database.roomUpdates.append([entry(1, 'a'), entry(2, 'b')])).toEqual({ duplicateAt: null });
    expect(await database.roomUpdates.append([entry(3, 'c'), entry(2, 'B'), entry(4, 'd')])).toEqual({
      duplicateAt: 1,
    });
    const stored = await database.roomUpdates.after('r1', 0);
    expect(stored.map((e) => [e.seq, Buffer.from(e.update).toString()])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(await database.roomUpdates.lastSeq('r1')).toBe(3);
    expect(Buffer.from((await database.roomUpdates.find('r1', 2))?.update ?? []).toString()).toBe('b');
  });

  it('keeps every snapshot, skips one stored twice, and loads the latest', async () => {
    const snapshot = (seq: number) => ({ room: 'r2', seq, at: new Date(), doc: new Uint8Array([seq]) });
    await database.roomSnapshots.append([snapshot(5), snapshot(10)]);
    await database.roomSnapshots.append([snapshot(10), snapshot(15)]);
    expect((await database.roomSnapshots.latest('r2'))?.seq).toBe(15);
    expect(await database.db.collection('room_snapshots').countDocuments({ room: 'r2' })).toBe(3);
  });

  it('keeps a join or leave stored twice (a retried batch, a new lease holder) once, and stores the others of the batch', async () => {
    const event = (id: string, kind: 'join' | 'leave', second: number) => ({
      _id: `r3:${id}`,
      room: 'r3',
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
      kind,
      who: { guest: 'Zoe' },
    });
    await database.roomEvents.append([event('1-0', 'join', 1), event('2-0', 'leave', 2)]);
    await database.roomEvents.append([event('1-0', 'join', 1), event('2-0', 'leave', 2), event('3-0', 'join', 3)]);
    expect((await database.roomEvents.list('r3')).map((e) => [e.kind, e.at.getUTCSeconds()])).toEqual([
      ['join', 1],
      ['leave', 2],
      ['join', 3],
    ]);
  });
});
