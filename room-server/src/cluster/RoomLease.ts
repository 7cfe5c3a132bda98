import type { Redis } from 'ioredis';
import { clusterKeys } from './clusterKeys.ts';

/**
 * Takes the lease if nobody holds it, with the next fencing epoch of the room (a counter
 * that never expires, so epochs only grow). One script, so no two servers can both see
 * the lease free and take it (SET NX alone could not also hand out the epoch atomically).
 */
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. epoch, 'PX', ARGV[2])
return epoch`;

/** Extends the lease only if it is still ours (compare-and-pexpire). */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Gives the lease up only if it is still ours (compare-and-delete). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RoomLeaseOptions {
  redis: Redis;
  roomId: string;
  /** The holder's name in the lease (this server's stream origin). */
  holder: string;
  /** How long the lease lasts unless renewed (ROOM_LEASE_MS). */
  ttlMs: number;
  now?: () => number;
}

/**
 * The right to store one room's updates, events and snapshots (one server at a time):
 * a Redis key with a time to live, renewed by its holder. A holder counts itself the
 * holder only until a fifth of the TTL before the key would expire (measured from before
 * it asked), so a slow renewal or a paused process stops writing before another server
 * can take the lease; the fencing epoch written on every log entry catches the rest.
 */
export class RoomLease {
  private value: string | null = null;
  private validUntil = 0;
  private currentEpoch: number | null = null;
  private readonly now: () => number;

  constructor(private readonly options: RoomLeaseOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The epoch while the lease is held and valid, else null. */
  get epoch(): number | null {
    return this.held ? this.currentEpoch : null;
  }

  get held(): boolean {
    return this.value !== null && this.now() < this.validUntil;
  }

  /** Takes the lease if it is free: resolves with its epoch, or null when another server holds it. */
  async acquire(): Promise<number | null> {
    const { redis, roomId, holder, ttlMs } = this.options;
    const askedAt = this.now();
    const epoch = Number(
      await redis.eval(ACQUIRE, 2, clusterKeys.lease(roomId), clusterKeys.epoch(roomId), holder, ttlMs),
    );
    if (!epoch) return null;
    this.value = `${holder}|${epoch}`;
    this.currentEpoch = epoch;
    this.validUntil = askedAt + this.safeMs;
    return epoch;
  }

  /** Extends the lease; false (and no longer held) when it was lost. */
  async renew(): Promise<boolean> {
    const { value } = this;
    if (value === null) return false;
    const askedAt = this.now();
    const renewed = Number(
      await this.options.redis.eval(RENEW, 1, clusterKeys.lease(this.options.roomId), value, this.options.ttlMs),
    );
    if (this.value !== value) return false;
    if (renewed) this.validUntil = askedAt + this.safeMs;
    else this.forget();
    return renewed === 1;
  }

  /** Gives the lease up (another server may take it at once). */
  async release(): Promise<void> {
    const { value } = this;
    this.forget();
    if (value !== null) await this.options.redis.eval(RELEASE, 1, clusterKeys.lease(this.options.roomId), value);
  }

  /** Stops counting itself the holder (lost, or fenced), without touching Redis. */
  forget(): void {
    this.value = null;
    this.currentEpoch = null;
    this.validUntil = 0;
  }

  /** The lease value while held (scripts compare it to fence their writes). */
  get token(): string | null {
    return this.held ? this.value : null;
  }

  private get safeMs(): number {
    return this.options.ttlMs - Math.ceil(this.options.ttlMs / 5);
  }
}
