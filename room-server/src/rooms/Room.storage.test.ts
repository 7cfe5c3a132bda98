import { DEFAULT_ROOM_CONTROLS, DEFAULT_ROOM_SESSION, encodeAppFrame } from '@codestream/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createTestRoom } from './testing/roomTestBed.ts';

let bed: ReturnType<typeof createTestRoom>;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(async () => {
  bed.store.failUpdates = 0;
  const closed = bed.close();
  await vi.runAllTimersAsync();
  await closed;
  vi.useRealTimers();
});

describe('Room storage, in memory', () => {
  it('stores every accepted update in one batch, numbered and attributed, with joins', async () => {
    bed = createTestRoom({ updateLog: { batchMs: 50 } });
    const ann = bed.join('Ann', 'u-ann');
    const bob = bed.join('Bob');
    const code = ann.doc.getText('code');
    for (const letter of 'abcd') code.insert(code.length, letter);
    bob.deliver();
    bob.doc.getText('code').insert(0, '>');
    expect(bed.store.updates).toEqual([]);

    await vi.advanceTimersByTimeAsync(60);
    expect(bed.store.appendCalls).toEqual([5]);
    expect(bed.store.updates.map((u) => [u.seq, u.author])).toEqual([
      [1, { userId: 'u-ann' }],
      [2, { userId: 'u-ann' }],
      [3, { userId: 'u-ann' }],
      [4, { userId: 'u-ann' }],
      [5, { guest: 'Bob', guestId: 'Bob' }],
    ]);
    expect(bed.store.events.map((e) => [e.kind, e.who])).toEqual([
      ['join', { userId: 'u-ann' }],
      ['join', { guest: 'Bob', guestId: 'Bob' }],
    ]);
    await expect(bed.room.stored()).resolves.toBeUndefined();
  });

  it('retries a failing store with backoff, tells everyone edits wait, then that they are stored', async () => {
    bed = createTestRoom({
      updateLog: { batchMs: 50, backoff: { initialMs: 100, maxMs: 400 }, waitingAfterMs: 1_000 },
    });
    const ann = bed.join('Ann');
    const bob = bed.join('Bob');
    bed.store.failUpdates = 5;
    const editedAt = Date.now();
    ann.doc.getText('code').insert(0, 'x');
    let stored = false;
    void bed.room.stored().then(() => {
      stored = true;
    });

    await vi.advanceTimersByTimeAsync(900);
    bob.deliver();
    expect(bob.received('storage')).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    ann.deliver();
    bob.deliver();
    for (const peer of [ann, bob])
      expect(peer.received('storage')).toEqual([{ type: 'storage', state: 'waiting', since: editedAt }]);
    // Someone joining a waiting room is told at once.
    expect(bed.join('Cid').received('storage')).toEqual([{ type: 'storage', state: 'waiting', since: editedAt }]);
    expect(stored).toBe(false);

    // Tried at 50 ms, then after 100, 200, 400, 400 and 400 ms of backoff: the sixth try succeeds.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(bed.store.appendCalls).toEqual([1, 1, 1, 1, 1, 1]);
    expect(bed.store.updates.map((u) => u.seq)).toEqual([1]);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, bed.store.updates[0]?.update as Uint8Array);
    expect(restored.getText('code').toString()).toBe('x');
    expect(stored).toBe(true);
    ann.deliver();
    expect(ann.received('storage').map((m) => m.state)).toEqual(['waiting', 'stored']);
    expect(bed.log.entries).toContainEqual({ level: 'info', message: 'update log stored again' });
  });

  it('closes only once every accepted update is stored', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    let open: () => void = () => {};
    bed.store.gate = new Promise((resolve) => {
      open = resolve;
    });
    ann.doc.getText('code').insert(0, 'kept');
    expect(ann.leave()).toBe(0);
    let closed = false;
    void bed.room.close().then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(closed).toBe(false);
    open();
    await vi.advanceTimersByTimeAsync(100);
    expect(closed).toBe(true);
    expect(bed.store.updates).toHaveLength(1);
  });

  it('stores a language change and tells everyone', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    bed.room.receive(ann, encodeAppFrame({ type: 'set-language', language: 'javascript' }));
    ann.deliver();
    expect(ann.received('settings')).toEqual([
      {
        type: 'settings',
        settings: { language: 'javascript', controls: DEFAULT_ROOM_CONTROLS, session: DEFAULT_ROOM_SESSION },
      },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    expect(bed.store.languages.get('room-1')).toBe('javascript');
  });

  it('keeps trying to store a language change the database refused, until it is stored', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    bed.store.failLanguages = 3;
    bed.room.receive(ann, encodeAppFrame({ type: 'set-language', language: 'go' }));
    await vi.advanceTimersByTimeAsync(250);
    expect(bed.store.languages.has('room-1')).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(bed.store.languages.get('room-1')).toBe('go');
    expect(bed.log.entries).toContainEqual({ level: 'info', message: 'room language stored again' });
  });
});
