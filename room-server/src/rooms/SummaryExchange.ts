import type { RoomSummary } from '@codestream/shared';

/**
 * Rooms' summaries between room-servers (scale-out): a dashboard on one server watches
 * rooms whose people may be on others. Absent on a single machine.
 */
export interface SummaryExchange {
  /** Hears other servers' summaries of `roomId`, for this server's dashboards; returns the stop. */
  follow(roomId: string, receive: (summary: RoomSummary, from: string) => void): () => void;
  /** Whether a dashboard on another server watches the room now. */
  watchedElsewhere(roomId: string): boolean;
  /** This server's summary of a room loaded here, for the servers watching it. */
  publish(summary: RoomSummary): void;
  close(): void;
}

/**
 * One room's summary from several servers: each knows its own sockets. The most recently
 * edited one is taken, with everyone online on any server.
 */
export function mergeSummaries(summaries: readonly RoomSummary[]): RoomSummary | undefined {
  let newest: RoomSummary | undefined;
  for (const summary of summaries) {
    if (!newest || (summary.lastEditAt ?? -1) > (newest.lastEditAt ?? -1)) newest = summary;
  }
  if (!newest || summaries.length === 1) return newest;
  const online = new Map(summaries.flatMap((summary) => summary.online.map((person) => [person.id, person] as const)));
  return { ...newest, online: [...online.values()] };
}
