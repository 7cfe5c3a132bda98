import type { Redis } from 'ioredis';

// Compare-and-act: an owner whose lease lapsed and was taken by another must not renew
// or delete the new owner's key.
const RENEW =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * A Redis key held by one owner (its value) for `ms` unless renewed: taken atomically
 * (SET NX), renewed and released only by the owner that holds it.
 */
export class RedisLease {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
    readonly owner: string,
    readonly ms: number,
  ) {}

  /** True when the key was free and is now ours. */
  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.key, this.owner, 'PX', this.ms, 'NX')) === 'OK';
  }

  /** False when the lease lapsed (and may belong to someone else now). */
  async renew(): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key, this.owner, this.ms)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.owner);
  }
}
