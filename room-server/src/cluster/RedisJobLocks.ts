import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import type { JobLock } from '../rooms/RoomRelay.ts';

/** How long a slot outlives a holder that stopped renewing it (a server that died). */
export const JOB_LOCK_TTL_MS = 15_000;

/** Deletes the key only if it still holds our value (it may have expired and been taken since). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
/** Extends the key only if it still holds our value. */
const RENEW =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

const holderSchema = z.object({ token: z.string(), title: z.string() });

export interface RedisJobLocksOptions {
  redis: Redis;
  serverId: string;
  log: Logger;
  ttlMs?: number;
}

/**
 * Each room's job slot across servers, as one Redis key: SET NX with a token and a time
 * to live, renewed while the job runs, deleted (if still ours) when its last event is out.
 * Its own key, not the storage lease: a job outlives a change of lease holder, and runs
 * where it was pressed (docs/deploy.md).
 */
export class RedisJobLocks {
  constructor(private readonly options: RedisJobLocksOptions) {}

  forRoom(roomId: string): JobLock {
    return new RoomJobLock(`codestream:job:${roomId}`, this.options);
  }
}

/** How long the claim to record a lost job's end is kept: far longer than any server takes to notice the loss. */
const SETTLED_TTL_MS = 3_600_000;

class RoomJobLock implements JobLock {
  private held: string | null = null;
  private renewTimer: NodeJS.Timeout | undefined;
  private readonly ttlMs: number;

  constructor(
    private readonly key: string,
    private readonly options: RedisJobLocksOptions,
  ) {
    this.ttlMs = options.ttlMs ?? JOB_LOCK_TTL_MS;
  }

  async acquire(title: string): Promise<string | null> {
    const value = JSON.stringify({ token: `${this.options.serverId}:${randomUUID()}`, title });
    try {
      // Twice: the holder may release between our SET and our GET.
      for (let attempt = 0; attempt < 2; attempt++) {
        if ((await this.options.redis.set(this.key, value, 'PX', this.ttlMs, 'NX')) === 'OK') {
          this.hold(value);
          return null;
        }
        const holder = await this.holder();
        if (holder !== null) return holder;
      }
      return 'Another job';
    } catch (err) {
      this.options.log.error({ err, key: this.key }, 'taking a room’s job slot in Redis failed');
      throw err;
    }
  }

  release(): void {
    clearInterval(this.renewTimer);
    const value = this.held;
    this.held = null;
    if (value === null) return;
    this.options.redis.eval(RELEASE, 1, this.key, value).catch((err) => {
      // It expires by itself within the time to live; until then the room cannot start a job.
      this.options.log.error({ err, key: this.key }, 'releasing a room’s job slot in Redis failed');
    });
  }

  async holder(): Promise<string | null> {
    const value = await this.options.redis.get(this.key);
    if (value === null) return null;
    try {
      return holderSchema.parse(JSON.parse(value)).title;
    } catch {
      // Not ours to read, but taken all the same.
      return 'Another job';
    }
  }

  async claimSettling(jobId: string): Promise<boolean> {
    const key = `codestream:job-settled:${jobId}`;
    return (await this.options.redis.set(key, this.options.serverId, 'PX', SETTLED_TTL_MS, 'NX')) === 'OK';
  }

  get checkEveryMs(): number {
    return this.ttlMs / 3;
  }

  private hold(value: string): void {
    this.held = value;
    this.renewTimer = setInterval(() => {
      this.options.redis.eval(RENEW, 1, this.key, value, this.ttlMs).then(
        (renewed) => {
          if (renewed === 0 && this.held === value) {
            this.options.log.warn({ key: this.key }, 'a room’s job slot expired while its job ran');
          }
        },
        (err) => this.options.log.error({ err, key: this.key }, 'renewing a room’s job slot in Redis failed'),
      );
    }, this.ttlMs / 3);
    this.renewTimer.unref();
  }
}
