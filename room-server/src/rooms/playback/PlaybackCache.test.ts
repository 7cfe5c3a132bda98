import { describe, expect, it } from 'vitest';
import { seedDoc } from '../seedDoc.ts';
import { PlaybackCache } from './PlaybackCache.ts';
import { PlaybackIndex } from './PlaybackIndex.ts';

function cacheOf(maxRooms: number, failBuilds = 0) {
  const calls: string[] = [];
  let failures = failBuilds;
  const cache = new PlaybackCache({
    maxRooms,
    build: async (roomId) => {
      calls.push(`build ${roomId}`);
      if (failures-- > 0) throw new Error('database away');
      return new PlaybackIndex({ seq: 0, at: 0, doc: seedDoc('python') });
    },
    extend: async (roomId) => {
      calls.push(`extend ${roomId}`);
    },
  });
  return { cache, calls };
}

describe('PlaybackCache', () => {
  it('builds a room once and extends it on later requests, one at a time', async () => {
    const { cache, calls } = cacheOf(2);
    const [first, second] = await Promise.all([cache.index('a'), cache.index('a')]);
    expect(second).toBe(first);
    expect(calls).toEqual(['build a', 'extend a']);
  });

  it('drops the least recently used room beyond its size', async () => {
    const { cache, calls } = cacheOf(2);
    await cache.index('a');
    await cache.index('b');
    await cache.index('a');
    await cache.index('c');
    await cache.index('b');
    expect(calls).toEqual(['build a', 'build b', 'extend a', 'build c', 'build b']);
  });

  it('forgets a failed build, so the next request builds again', async () => {
    const { cache, calls } = cacheOf(2, 1);
    await expect(cache.index('a')).rejects.toThrow('database away');
    await expect(cache.index('a')).resolves.toBeInstanceOf(PlaybackIndex);
    expect(calls).toEqual(['build a', 'build a']);
  });
});
