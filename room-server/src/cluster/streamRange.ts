import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';
import { clusterKeys } from './clusterKeys.ts';
import { decodeStreamEntry, type StreamEntry } from './streamEntries.ts';

/** Stream entries as ioredis returns them in buffers: [id, [field, value, …]]. */
export type RawStreamEntry = [Buffer, Buffer[]];

/** Decodes raw entries; one that is not a room entry is logged and skipped (nothing of ours writes it). */
export function decodeEntries(raw: readonly RawStreamEntry[], roomId: string, log: Logger): [string, StreamEntry][] {
  return raw.flatMap(([id, fields]): [string, StreamEntry][] => {
    try {
      return [[id.toString(), decodeStreamEntry(fields)]];
    } catch (err) {
      log.error({ err, roomId, id: id.toString() }, 'skipping a room stream entry that is not one');
      return [];
    }
  });
}

/** The room's stream entries after `after` (null: from the first) up to `to` (inclusive; '+': the last). */
export async function readStream(
  redis: Redis,
  roomId: string,
  after: string | null,
  to: string,
  log: Logger,
): Promise<[string, StreamEntry][]> {
  const raw = (await redis.xrangeBuffer(
    clusterKeys.stream(roomId),
    after ? `(${after}` : '-',
    to,
  )) as unknown as RawStreamEntry[];
  return decodeEntries(raw, roomId, log);
}
