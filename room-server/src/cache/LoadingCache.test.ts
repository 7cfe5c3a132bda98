import { describe, expect, it } from 'vitest';
import { LoadingCache } from './LoadingCache.ts';

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A loader that counts its calls and answers `key#call`. */
function counter() {
  let calls = 0;
  const load = (key: string) => async () => `${key}#${++calls}`;
  return { load, calls: () => calls };
}

describe('LoadingCache', () => {
  it('serves a loaded value until its TTL ends, then loads again', async () => {
    const time = clock();
    const cache = new LoadingCache<string>({ ttlMs: 5_000, maxEntries: 10, now: time.now });
    const { load, calls } = counter();
    expect(await cache.get('a', load('a'))).toBe('a#1');
    time.advance(4_999);
    expect(await cache.get('a', load('a'))).toBe('a#1');
    time.advance(1);
    expect(await cache.get('a', load('a'))).toBe('a#2');
    expect(calls()).toBe(2);
  });

  it('shares one load between concurrent gets of a key', async () => {
    const cache = new LoadingCache<string>({ ttlMs: 5_000, maxEntries: 10 });
    const { load, calls } = counter();
    const answers = await Promise.all([1, 2, 3, 4].map(() => cache.get('a', load('a'))));
    expect(answers).toEqual(['a#1', 'a#1', 'a#1', 'a#1']);
    expect(calls()).toBe(1);
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const cache = new LoadingCache<string>({ ttlMs: 5_000, maxEntries: 2 });
    const { load, calls } = counter();
    await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    await cache.get('a', load('a'));
    await cache.get('c', load('c'));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', load('a'))).toBe('a#1');
    expect(await cache.get('b', load('b'))).toBe('b#4');
    expect(calls()).toBe(4);
  });

  it('forget makes the next get load again', async () => {
    const cache = new LoadingCache<string>({ ttlMs: 5_000, maxEntries: 10 });
    const { load } = counter();
    await cache.get('a', load('a'));
    cache.forget('a');
    expect(await cache.get('a', load('a'))).toBe('a#2');
  });

  it('does not keep the answer of a load that was forgotten while under way', async () => {
    const cache = new LoadingCache<string>({ ttlMs: 5_000, maxEntries: 10 });
    let answer: (value: string) => void = () => {};
    const first = cache.get('a', () => new Promise<string>((resolve) => (answer = resolve)));
    cache.forget('a');
    answer('before the change');
    expect(await first).toBe('before the change');
    expect(await cache.get('a', async () => 'after the change')).toBe('after the change');
  });

  it('forgetWhere drops matching values and loads still under way, and keeps the rest', async () => {
    const cache = new LoadingCache<string>({ ttlMs: 5_000, maxEntries: 10 });
    await cache.get('ann-1', async () => 'ann');
    await cache.get('bob-1', async () => 'bob');
    const pending = cache.get('x', () => new Promise<string>(() => {}));
    cache.forgetWhere((value) => value === 'ann');
    expect(await cache.get('ann-1', async () => 'reloaded')).toBe('reloaded');
    expect(await cache.get('bob-1', async () => 'reloaded')).toBe('bob');
    expect(cache.get('x', async () => 'reloaded')).not.toBe(pending);
  });

  it('does not keep failed loads, nor values `keep` refuses', async () => {
    const cache = new LoadingCache<string | null>({ ttlMs: 5_000, maxEntries: 10, keep: (v) => v !== null });
    await expect(cache.get('a', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', async () => 'up')).toBe('up');
    expect(await cache.get('miss', async () => null)).toBeNull();
    expect(await cache.get('miss', async () => 'created since')).toBe('created since');
  });

  it('remember serves a value its writer knows, replacing a load under way, until the TTL ends', async () => {
    const time = clock();
    const cache = new LoadingCache<string | null>({
      ttlMs: 5_000,
      maxEntries: 10,
      keep: (v) => v !== null,
      now: time.now,
    });
    const stale = cache.get('a', () => new Promise<string>(() => {}));
    cache.remember('a', 'written');
    expect(cache.get('a', async () => 'loaded')).not.toBe(stale);
    expect(await cache.get('a', async () => 'loaded')).toBe('written');
    time.advance(5_000);
    expect(await cache.get('a', async () => 'loaded')).toBe('loaded');
    cache.remember('a', null);
    expect(await cache.get('a', async () => 'reloaded')).toBe('reloaded');
  });
});
