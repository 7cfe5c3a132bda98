import { LANGUAGES } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import type { RunnerContainer } from './runner/RunnerContainer.ts';
import { WarmPool } from './WarmPool.ts';

const python = LANGUAGES[0];

/** Stand-ins for started containers: only what the pool looks at. */
function fakeFactory() {
  const made: Array<{ id: string; alive: boolean; createdAt: number; removed: boolean }> = [];
  const start = async () => {
    const c = { id: `c${made.length}`, alive: true, createdAt: Date.now(), removed: false };
    made.push(c);
    return Object.assign(c, {
      remove: async () => {
        c.removed = true;
        c.alive = false;
      },
    }) as unknown as RunnerContainer;
  };
  return { made, start };
}

const log = { warn: () => undefined };

describe('WarmPool', () => {
  it('hands a container out once and refills behind it', async () => {
    const { made, start } = fakeFactory();
    const pool = new WarmPool({ size: 2, maxIdleMs: 60_000, start, log });
    expect(pool.take(python)).toBeUndefined(); // first use: nothing waits yet
    await pool.settled();
    expect(pool.idleIds()).toEqual(['c0', 'c1']);
    const taken = [pool.take(python), pool.take(python)].map((c) => c?.id);
    expect(taken).toEqual(['c0', 'c1']);
    await pool.settled();
    expect(pool.idleIds()).toEqual(['c2', 'c3']);
    expect(new Set(made.map((c) => c.id)).size).toBe(made.length);
    await pool.close();
  });

  it('skips containers that died while waiting', async () => {
    const { made, start } = fakeFactory();
    const pool = new WarmPool({ size: 1, maxIdleMs: 60_000, start, log });
    pool.prewarm(python);
    await pool.settled();
    const first = made[0];
    if (first) first.alive = false;
    expect(pool.take(python)).toBeUndefined();
    expect(first?.removed).toBe(true);
    await pool.close();
  });

  it('does nothing with size 0', async () => {
    const { made, start } = fakeFactory();
    const pool = new WarmPool({ size: 0, maxIdleMs: 60_000, start, log });
    pool.prewarm(python);
    expect(pool.take(python)).toBeUndefined();
    await pool.settled();
    expect(made).toEqual([]);
  });

  it('removes every waiting container on close, including ones still starting', async () => {
    const { made, start } = fakeFactory();
    const pool = new WarmPool({ size: 2, maxIdleMs: 60_000, start, log });
    pool.prewarm(python);
    await pool.close();
    expect(made.length).toBe(2);
    expect(made.every((c) => c.removed)).toBe(true);
    expect(pool.take(python)).toBeUndefined();
  });

  it('waits before retrying after a failed start', async () => {
    let attempts = 0;
    const pool = new WarmPool({
      size: 1,
      maxIdleMs: 60_000,
      start: async () => {
        attempts++;
        throw new Error('docker down');
      },
      log,
    });
    pool.prewarm(python);
    await pool.settled();
    pool.take(python);
    pool.take(python);
    await pool.settled();
    expect(attempts).toBe(1);
    await pool.close();
  });
});
