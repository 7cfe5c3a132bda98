import type { LimitStore } from '../limits/LimitStore.ts';
import type { Logger } from '../log/logger.ts';
import { RedisApiJobSlots } from './RedisApiJobSlots.ts';

/** A job holding one of its caller's slots. */
export interface SlotHolder {
  callerKey: string;
  jobId: string;
}

/**
 * The slots of API_MAX_PENDING_JOBS: one per job queued or running, per caller. In
 * memory they count this server's jobs; in Redis every room-server's, so a caller cannot
 * have that many on each server.
 */
export interface ApiJobSlots {
  /**
   * Takes a slot for the job unless its caller holds `max`: null when taken, else how
   * many the caller holds. Checking and taking are one step, so requests arriving
   * together (on one server or several) cannot pass the limit. Throws
   * LimitUnavailableError when the count cannot be read (Redis away).
   */
  take(holder: SlotHolder, max: number): Promise<number | null>;
  /** Gives the job's slot back. */
  release(holder: SlotHolder): void;
  /** Says the jobs still hold their slots (Redis: a slot its server stops renewing lapses). */
  renew(holders: SlotHolder[]): void;
}

/** This server's jobs only: what one server working alone needs. */
export class MemoryApiJobSlots implements ApiJobSlots {
  private readonly byCaller = new Map<string, Set<string>>();

  async take({ callerKey, jobId }: SlotHolder, max: number): Promise<number | null> {
    const held = this.byCaller.get(callerKey) ?? new Set<string>();
    if (held.size >= max) return held.size;
    held.add(jobId);
    this.byCaller.set(callerKey, held);
    return null;
  }

  release({ callerKey, jobId }: SlotHolder): void {
    const held = this.byCaller.get(callerKey);
    held?.delete(jobId);
    if (held?.size === 0) this.byCaller.delete(callerKey);
  }

  renew(): void {
    // Nothing lapses in memory: a slot lives exactly as long as its job here.
  }
}

/** The slots for `store`: a slot in Redis lapses `lapseMs` after its server last renewed it (it died). */
export function apiJobSlots(store: LimitStore, lapseMs: number, log: Logger): ApiJobSlots {
  return store.kind === 'redis' ? new RedisApiJobSlots({ redis: store.redis, lapseMs, log }) : new MemoryApiJobSlots();
}
