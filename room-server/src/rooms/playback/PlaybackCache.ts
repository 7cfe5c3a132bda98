export interface PlaybackCacheOptions<T> {
  /** Rooms whose index is kept; the least recently used one is dropped beyond it. */
  maxRooms: number;
  build(roomId: string): Promise<T>;
  /** Brings a kept index up to the log's end (the log only grows, so it stays valid). */
  extend(roomId: string, index: T): Promise<void>;
}

/**
 * The playback indexes of the rooms watched last. Requests for one room are chained, so
 * an index is built once and extended by one request at a time; a failed build or
 * extension drops the room, and the next request builds it afresh.
 */
export class PlaybackCache<T> {
  private readonly rooms = new Map<string, Promise<T>>();

  constructor(private readonly options: PlaybackCacheOptions<T>) {}

  index(roomId: string): Promise<T> {
    const kept = this.rooms.get(roomId);
    const next = kept
      ? kept.then(async (index) => {
          await this.options.extend(roomId, index);
          return index;
        })
      : this.options.build(roomId);
    this.rooms.delete(roomId);
    this.rooms.set(roomId, next);
    next.catch(() => {
      // The failure reaches the caller; only forget the room so the next request retries.
      if (this.rooms.get(roomId) === next) this.rooms.delete(roomId);
    });
    // Dropped indexes are left to the garbage collector: a request may still be reading one.
    for (const oldest of this.rooms.keys()) {
      if (this.rooms.size <= this.options.maxRooms) break;
      this.rooms.delete(oldest);
    }
    return next;
  }
}
