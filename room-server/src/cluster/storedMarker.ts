import type { Redis } from 'ioredis';
import { clusterKeys, streamIdBefore } from './clusterKeys.ts';
import { encodeStreamEntry, type StreamEntry } from './streamEntries.ts';

/** How long a room's stream and stored mark outlive the room's last activity. */
export const STREAM_TTL_MS = 24 * 3_600_000;

/**
 * Fenced by the lease (a stale holder marks nothing): records where the stored part of
 * the stream ends, appends the `stored` entry every server reads, trims entries that
 * are stored and older than the retention, and keeps the stream from expiring.
 */
const MARK_STORED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('XADD', KEYS[3], '*', unpack(ARGV, 5))
redis.call('XTRIM', KEYS[3], 'MINID', ARGV[4])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return 1`;

export interface StoredMark {
  roomId: string;
  /** The lease value: the mark is made only while it is still the holder's. */
  token: string;
  entry: Extract<StreamEntry, { type: 'stored' }>;
  /** Stored entries are kept this long, for loads that read the stored mark just before. */
  retainMs: number;
  now?: number;
}

/** Marks the room's stream stored up to `entry.upTo`; false when the lease is not the holder's any more. */
export async function publishStored(redis: Redis, mark: StoredMark): Promise<boolean> {
  const { roomId, token, entry, retainMs } = mark;
  const retainedFrom = `${Math.max(0, (mark.now ?? Date.now()) - retainMs)}-0`;
  const trimBefore = streamIdBefore(entry.upTo, retainedFrom) ? entry.upTo : retainedFrom;
  const result = await redis.eval(
    MARK_STORED,
    3,
    clusterKeys.lease(roomId),
    clusterKeys.stored(roomId),
    clusterKeys.stream(roomId),
    token,
    entry.upTo,
    STREAM_TTL_MS,
    trimBefore,
    ...encodeStreamEntry(entry),
  );
  return Number(result) === 1;
}
