import { describe, expect, it } from 'vitest';
import { cachedCheck } from './cachedCheck.ts';

const options = { timeoutMs: 50, cacheMs: 100 };

describe('cachedCheck', () => {
  it('answers no problem for a check that passes', async () => {
    expect(await cachedCheck(async () => {}, options)()).toEqual([]);
    expect(await cachedCheck(async () => [], options)()).toEqual([]);
  });

  it('passes on the problems a check found', async () => {
    expect(await cachedCheck(async () => ['image missing'], options)()).toEqual(['image missing']);
  });

  it('turns a rejection into its message', async () => {
    expect(await cachedCheck(() => Promise.reject(new Error('connection refused')), options)()).toEqual([
      'connection refused',
    ]);
  });

  it('reports a check that never answers after the timeout', async () => {
    const started = Date.now();
    expect(await cachedCheck(() => new Promise(() => {}), options)()).toEqual(['no answer within 50 ms']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('runs the check at most once per cache period, however often it is asked', async () => {
    let calls = 0;
    const check = cachedCheck(async () => {
      calls += 1;
    }, options);
    await Promise.all([check(), check(), check()]);
    await check();
    expect(calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await check();
    expect(calls).toBe(2);
  });
});
