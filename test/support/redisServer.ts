import { accepts, freePort } from './ports.ts';
import { startProcess } from './processes.ts';

/**
 * A Redis server of its own for one test file: Debian's `redis-server` (installed by
 * `scripts/setup.sh test`) on a free loopback port, without persistence. It dies with
 * the test process even on SIGKILL (PR_SET_PDEATHSIG through `setpriv`).
 */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
}

/** `port`: a given one (to start Redis again where a test stopped it), else a free one. */
export async function startRedis(port?: number): Promise<TestRedis> {
  for (let attempt = 1; ; attempt++) {
    const chosen = port ?? (await freePort());
    const redis = startProcess(
      'redis-server',
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(chosen), '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      process.env,
    );
    if (await accepts(chosen, redis.child)) {
      return { url: `redis://127.0.0.1:${chosen}`, port: chosen, stop: () => redis.stop() };
    }
    await redis.stop();
    // Another process may have taken the free port between our check and Redis's bind.
    if (attempt === 3) throw new Error(`redis-server did not start:\n${redis.output()}`);
  }
}
