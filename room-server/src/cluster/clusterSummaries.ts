import { MAX_WATCHED_ROOMS, type RoomSummary, roomSummarySchema } from '@codestream/shared';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import type { SummaryExchange } from '../rooms/SummaryExchange.ts';
import { type ClusterBus, channels, type Unsubscribe } from './ClusterBus.ts';

/** How often a server says again which rooms its dashboards watch. */
export const WATCH_REFRESH_MS = 10_000;
/** A room counts as watched elsewhere for this long after the last word of it. */
const WATCHED_FOR_MS = 3 * WATCH_REFRESH_MS;

const watchingSchema = z.object({
  type: z.literal('watching'),
  payload: z.object({ roomIds: z.array(z.string().min(1).max(200)).max(MAX_WATCHED_ROOMS) }),
});
const summarySchema = z.object({ type: z.literal('summary'), payload: roomSummarySchema });

export interface ClusterSummariesOptions {
  bus: ClusterBus;
  /** This server's summary of a room if it is loaded here. */
  summaryOf(roomId: string): RoomSummary | null;
  log: Logger;
}

/**
 * Summaries between servers. A server whose dashboards watch rooms says so on one channel
 * (at once, then every WATCH_REFRESH_MS) and hears each room's summary channel; the
 * servers with one of those rooms loaded answer with its summary at once, then send it
 * on every change (at most once a tick) while someone elsewhere watches. Their answers to
 * each refresh keep the watcher's copy fresh: one from a server gone quiet expires.
 */
export function clusterSummaries(options: ClusterSummariesOptions): SummaryExchange | undefined {
  const { bus, summaryOf, log } = options;
  if (!bus.shared) return undefined;
  const followed = new Map<string, Promise<Unsubscribe>>();
  const watchedUntil = new Map<string, number>();
  let announcing = new Set<string>();
  let announceTimer: NodeJS.Immediate | undefined;

  const announce = (roomIds: Iterable<string>) => {
    for (const roomId of roomIds) announcing.add(roomId);
    // One message for the rooms a dashboard asks for at once, not one per room.
    announceTimer ??= setImmediate(() => {
      announceTimer = undefined;
      const ids = [...announcing];
      announcing = new Set();
      for (let i = 0; i < ids.length; i += MAX_WATCHED_ROOMS) {
        bus.publish(channels.watching, { type: 'watching', payload: { roomIds: ids.slice(i, i + MAX_WATCHED_ROOMS) } });
      }
    });
  };
  const stopHearing = (subscribed: Promise<Unsubscribe>) =>
    void subscribed
      .then((unsubscribe) => unsubscribe())
      .catch((err) => log.warn({ err }, 'unsubscribing from a summaries channel failed'));
  const publish = (summary: RoomSummary) =>
    bus.publish(channels.summaries(summary.roomId), { type: 'summary', payload: summary });

  const watching = bus.subscribe(channels.watching, watchingSchema, ({ payload }) => {
    const until = Date.now() + WATCHED_FOR_MS;
    for (const roomId of payload.roomIds) {
      watchedUntil.set(roomId, until);
      const summary = summaryOf(roomId);
      if (summary) publish(summary);
    }
  });
  watching.catch((err) => log.error({ err }, 'hearing which rooms other servers watch failed'));
  const refresh = setInterval(() => {
    const now = Date.now();
    for (const [roomId, until] of watchedUntil) if (until < now) watchedUntil.delete(roomId);
    if (followed.size > 0) announce(followed.keys());
  }, WATCH_REFRESH_MS);
  refresh.unref();

  return {
    follow(roomId, receive) {
      const subscribed = bus.subscribe(channels.summaries(roomId), summarySchema, ({ payload }, from) => {
        if (payload.roomId === roomId) receive(payload, from);
      });
      followed.set(roomId, subscribed);
      // Said once subscribed, so the answers are heard.
      subscribed.then(
        () => announce([roomId]),
        (err) => log.error({ err, roomId }, 'hearing other servers’ summaries failed'),
      );
      return () => {
        followed.delete(roomId);
        stopHearing(subscribed);
      };
    },
    watchedElsewhere(roomId) {
      const until = watchedUntil.get(roomId);
      return until !== undefined && until >= Date.now();
    },
    publish,
    close() {
      clearInterval(refresh);
      if (announceTimer) clearImmediate(announceTimer);
      for (const subscribed of followed.values()) stopHearing(subscribed);
      followed.clear();
      stopHearing(watching);
    },
  };
}
