import type { Redis } from 'ioredis';
import { checkInRedis, LIMIT_KEY_PREFIX } from '../limits/LimitStore.ts';
import type { Logger } from '../log/logger.ts';
import type { ApiJobSlots, SlotHolder } from './ApiJobSlots.ts';

/** A caller's slots: a sorted set of job ids, each scored with when it lapses unless renewed. */
const slotsKey = (callerKey: string) => `${LIMIT_KEY_PREFIX}api-jobs:${callerKey}`;

/** Redis's clock, in ms: one clock for every server's slots, whatever their own clocks say. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Drops lapsed slots, then takes one if fewer than ARGV[2] are held: returns -1 when
 * taken, else how many are held. One script, so two servers cannot both see a free slot.
 */
const TAKE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZCARD', KEYS[1])
if held >= tonumber(ARGV[2]) then return held end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return -1`;

/** Pushes the lapse of the jobs ARGV[2..] back by ARGV[1] ms (adding them again if they had lapsed meanwhile). */
const RENEW = `${NOW}
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0`;

export interface RedisApiJobSlotsOptions {
  redis: Redis;
  /** How long a slot outlives the last renewal by its server (3 heartbeats: as long as a job is deemed alive). */
  lapseMs: number;
  log: Logger;
}

/**
 * Every room-server's API jobs in progress, per caller, in Redis. A server renews the
 * slots of its jobs with its job heartbeat; the slots of a server that died lapse with
 * the jobs it held, which other servers then report interrupted.
 */
export class RedisApiJobSlots implements ApiJobSlots {
  constructor(private readonly options: RedisApiJobSlotsOptions) {}

  async take(holder: SlotHolder, max: number): Promise<number | null> {
    const { redis, lapseMs } = this.options;
    const held = Number(
      await checkInRedis(
        redis,
        () => redis.eval(TAKE, 1, slotsKey(holder.callerKey), holder.jobId, max, lapseMs),
        // Queued behind the unanswered script on the same connection: undoes it if it is run later.
        () => this.release(holder),
      ),
    );
    return held === -1 ? null : held;
  }

  release({ callerKey, jobId }: SlotHolder): void {
    // While Redis is away the command waits in ioredis's queue and is sent on reconnection.
    this.options.redis.zrem(slotsKey(callerKey), jobId).catch((err) => {
      // Only when the connection was closed: the slot then lapses by itself within lapseMs.
      this.options.log.warn({ err, callerKey, jobId }, 'releasing an API job slot in Redis failed');
    });
  }

  renew(holders: SlotHolder[]): void {
    const byCaller = new Map<string, string[]>();
    for (const { callerKey, jobId } of holders) byCaller.set(callerKey, [...(byCaller.get(callerKey) ?? []), jobId]);
    for (const [callerKey, jobIds] of byCaller) {
      this.options.redis.eval(RENEW, 1, slotsKey(callerKey), this.options.lapseMs, ...jobIds).catch((err) => {
        // The next heartbeat adds the slots again; meanwhile they may lapse and the caller start more jobs.
        this.options.log.warn({ err, callerKey }, 'renewing API job slots in Redis failed');
      });
    }
  }
}
