import { describe, expect, it } from 'vitest';
import { RoomAccessCache } from './RoomAccessCache.ts';
import type { RoomMeta } from './RoomRepository.ts';

function room(members: string[]): RoomMeta {
  const now = new Date();
  return {
    _id: 'r1',
    language: 'python',
    ownerId: 'owner',
    members,
    problemSlug: null,
    invites: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** A cache over rooms in memory, counting lookups. */
function setup() {
  const rooms = new Map<string, RoomMeta>([['r1', room([])]]);
  let lookups = 0;
  let t = 0;
  const cache = new RoomAccessCache({
    rooms: {
      findMeta: async (id) => {
        lookups++;
        return rooms.get(id) ?? null;
      },
    },
    now: () => t,
  });
  return { rooms, cache, lookups: () => lookups, advance: (ms: number) => (t += ms) };
}

describe('RoomAccessCache', () => {
  it('keeps only what access needs, for a minute', async () => {
    const s = setup();
    expect(await s.cache.get('r1')).toEqual({ _id: 'r1', ownerId: 'owner', members: [], invites: [] });
    s.rooms.set('r1', room(['ann']));
    s.advance(59_999);
    expect((await s.cache.get('r1'))?.members).toEqual([]);
    s.advance(1);
    expect((await s.cache.get('r1'))?.members).toEqual(['ann']);
    expect(s.lookups()).toBe(2);
  });

  it('a new member counts at once after forget', async () => {
    const s = setup();
    await s.cache.get('r1');
    s.rooms.set('r1', room(['ann']));
    s.cache.forget('r1');
    expect((await s.cache.get('r1'))?.members).toEqual(['ann']);
  });

  it('does not keep rooms that do not exist', async () => {
    const s = setup();
    expect(await s.cache.get('r2')).toBeNull();
    expect(await s.cache.get('r2')).toBeNull();
    expect(s.lookups()).toBe(2);
  });

  it('knows a room just made without reading it', async () => {
    const s = setup();
    s.cache.remember({ _id: 'r3', ownerId: 'owner', members: [], invites: [] });
    expect(await s.cache.get('r3')).toEqual({ _id: 'r3', ownerId: 'owner', members: [], invites: [] });
    expect(s.lookups()).toBe(0);
  });
});
