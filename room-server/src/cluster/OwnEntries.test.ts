import { describe, expect, it } from 'vitest';
import type { StorageState } from '../rooms/RoomLog.ts';
import { OwnEntries } from './OwnEntries.ts';
import type { StreamEntry } from './streamEntries.ts';

const update = (counter: number): StreamEntry => ({
  type: 'update',
  origin: 'a',
  counter,
  author: { userId: 'u' },
  name: 'U',
  update: new Uint8Array([counter]),
});

describe('own stream entries', () => {
  it('are stored once a stored mark reaches them, and say `waiting` while they wait too long', async () => {
    const states: [StorageState, number][] = [];
    const own = new OwnEntries({
      waitingAfterMs: 1_000,
      onStorageState: (state, since) => states.push([state, since]),
    });
    own.add(update(1), 0);
    own.add(update(2), 10);
    expect(own.lastId).toBeNull();
    const [first, second] = own.unsent();
    if (!first || !second) throw new Error('two entries');
    first.id = '5-0';
    second.id = '5-1';
    expect(own.lastId).toBe('5-1');
    expect(own.updatesAfter('5-0')).toEqual([new Uint8Array([2])]);

    own.check(999);
    expect(own.storageState).toBe('stored');
    own.check(1_000);
    expect(states).toEqual([['waiting', 0]]);

    const stored = own.stored();
    own.confirm('4-9', 1_100);
    expect(own.count).toBe(2);
    own.confirm('5-0', 1_100);
    // The oldest left is 1090 ms old: still waiting.
    expect(own.storageState).toBe('waiting');
    own.confirm('6-0', 1_200);
    expect(states.at(-1)).toEqual(['stored', 1_200]);
    await expect(stored).resolves.toBeUndefined();
  });

  it('an entry not yet taken by Redis holds back the confirmation of later ones', () => {
    const own = new OwnEntries({ waitingAfterMs: 1_000, onStorageState: () => {} });
    own.add(update(1));
    own.add(update(2));
    const second = own.unsent()[1];
    if (second) second.id = '7-0';
    own.confirm('8-0');
    expect(own.count).toBe(2);
  });

  it('of a deleted room are dropped: whoever waits for them is answered, the room no longer waits', async () => {
    const states: [StorageState, number][] = [];
    const own = new OwnEntries({
      waitingAfterMs: 1_000,
      onStorageState: (state, since) => states.push([state, since]),
    });
    own.add(update(1), 0);
    own.check(1_000);
    const stored = own.stored();
    own.forsake(1_500);
    await expect(stored).resolves.toBeUndefined();
    expect(own.count).toBe(0);
    expect(states).toEqual([
      ['waiting', 0],
      ['stored', 1_500],
    ]);
  });
});
