import type { RoomPlan } from './BenchServer.ts';

// Messages between the load generator (main thread) and its worker threads: one request,
// one answer, in turn.

export type WorkerRequest =
  /** Open every socket of `rooms`; answer when all are synced or after `timeoutMs`. */
  | { type: 'connect'; rooms: RoomPlan[]; timeoutMs: number }
  /**
   * The first `editors` sockets of each room type `editsPerSecond` for `durationMs`; the
   * others watch. `lineBreaks`: each edit ends its line (the code grows by lines, as a
   * program does, instead of one long line).
   */
  | {
      type: 'type';
      editors: number;
      editsPerSecond: number;
      durationMs: number;
      graceMs: number;
      lineBreaks?: boolean;
    }
  | { type: 'close' };

export type WorkerAnswer =
  /** Sent once, unasked, when the thread has loaded and listens. */
  | { type: 'ready' }
  | {
      type: 'connected';
      sockets: number;
      synced: number;
      /** Wall-clock ms (performance.timeOrigin + now) when the last socket synced. */
      lastSyncedAt: number;
    }
  | {
      type: 'typed';
      sent: number;
      /** Deliveries expected: every edit at every watching socket of its room. */
      expected: number;
      /** Edit → watcher latencies, ms, one per delivery seen. */
      latencies: Float64Array;
      /** Per latency: 1 when the editor and the watcher were on different servers. */
      crossed: Uint8Array;
      /** Sockets that lost their connection after they had synced. */
      drops: number;
    }
  | { type: 'closed' }
  | { type: 'failed'; message: string };
