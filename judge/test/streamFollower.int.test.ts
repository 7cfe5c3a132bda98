import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import { StreamFollower } from '../src/queue/StreamFollower.ts';
import { waitFor } from './harness.ts';

describe('StreamFollower: many Redis Streams over one blocking connection', () => {
  let server: TestRedis;
  let redis: Redis;
  let follower: StreamFollower;
  const warnings: string[] = [];
  beforeAll(async () => {
    server = await startRedis();
    redis = new Redis(server.url);
    follower = new StreamFollower({ redis, log: { warn: (message) => warnings.push(message) } });
  });
  afterAll(async () => {
    await follower.close();
    await redis.quit();
    await server.stop();
  });

  function collector(key: string) {
    const values: string[] = [];
    const stop = follower.follow(key, (fields) => values.push(fields[1] ?? ''));
    return { values, stop };
  }

  it('delivers the entries of every stream in order, including those added before it was followed', async () => {
    await redis.xadd('s:early', '*', 'e', '0');
    const streams = ['s:early', 's:a', 's:b'].map((key) => ({ key, ...collector(key) }));
    for (let i = 1; i <= 50; i++) {
      for (const { key } of streams) await redis.xadd(key, '*', 'e', String(i));
    }
    await waitFor(
      async () => streams.map((s) => s.values.length),
      (counts) => counts.join() === '51,50,50',
    );
    const upTo50 = Array.from({ length: 50 }, (_, i) => String(i + 1));
    expect(streams.map((s) => s.values)).toEqual([['0', ...upTo50], upTo50, upTo50]);
    for (const s of streams) s.stop();
  });

  it('joins a stream followed while a read is blocked at once, not at the next read', async () => {
    // Let the reader block on the streams it has.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const late = collector('s:late');
    const sentAt = performance.now();
    await redis.xadd('s:late', '*', 'e', 'hello');
    await waitFor(
      async () => late.values.length,
      (n) => n === 1,
      10_000,
    );
    // A blocked read lasts 5 s; the nudge ends it. (A margin, not a speed measurement.)
    expect(performance.now() - sentAt).toBeLessThan(4_000);
    late.stop();
  });

  it('loses and repeats nothing when its connection is cut and comes back', async () => {
    const s = collector('s:cut');
    await redis.xadd('s:cut', '*', 'e', 'before');
    await waitFor(
      async () => s.values.length,
      (n) => n === 1,
    );
    const clients = (await redis.client('LIST')) as string;
    const blocked = clients.split('\n').find((line) => line.includes('cmd=xread'));
    const id = /\bid=(\d+)/.exec(blocked ?? '')?.[1];
    expect(id, 'the blocked reader').toBeDefined();
    await redis.client('KILL', 'ID', id as string);
    for (const value of ['during-1', 'during-2']) await redis.xadd('s:cut', '*', 'e', value);
    await waitFor(
      async () => s.values.length,
      (n) => n >= 3,
      10_000,
    );
    await redis.xadd('s:cut', '*', 'e', 'after');
    await waitFor(
      async () => s.values.length,
      (n) => n >= 4,
      10_000,
    );
    expect(s.values).toEqual(['before', 'during-1', 'during-2', 'after']);
    s.stop();
  });
});
