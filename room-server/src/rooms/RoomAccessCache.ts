import { LoadingCache } from '../cache/LoadingCache.ts';
import type { RoomRepository } from './RoomRepository.ts';
import type { RoomAccessFacts } from './roomAccess.ts';

export interface RoomAccessCacheOptions {
  rooms: Pick<RoomRepository, 'findMeta'>;
  /**
   * How long an answer is reused: a backstop to `remember` and `forget`, which this
   * process calls on every change; it bounds how long a change made by another process
   * takes to reach new sockets. Default 60 s.
   */
  ttlMs?: number;
  /** Rooms held at once (a few hundred bytes each). Default 10,000. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Who may enter each room, as written when it was made or read once for the sockets
 * that open together (a room's participants after a restart), and kept for a minute.
 * The owner never changes; members do, and whoever adds one calls `forget`
 * (AccessChanges.roomMembersChanged).
 * Unknown rooms are not kept: anyone can make up room ids.
 */
export class RoomAccessCache {
  private readonly cache: LoadingCache<RoomAccessFacts | null>;

  constructor(private readonly options: RoomAccessCacheOptions) {
    this.cache = new LoadingCache({
      ttlMs: options.ttlMs ?? 60_000,
      maxEntries: options.maxEntries ?? 10_000,
      keep: (room) => room !== null,
      now: options.now,
    });
  }

  get(roomId: string): Promise<RoomAccessFacts | null> {
    return this.cache.get(roomId, async () => {
      const room = await this.options.rooms.findMeta(roomId);
      return room && factsOf(room);
    });
  }

  /** A room just made: its facts as written. */
  remember(room: RoomAccessFacts): void {
    this.cache.remember(room._id, factsOf(room));
  }

  forget(roomId: string): void {
    this.cache.forget(roomId);
  }

  /** Every room: changes made on other servers may have been missed. */
  forgetAll(): void {
    this.cache.forgetWhere(() => true);
  }
}

/** Only what access needs, copied: the cache must not share arrays with a record. */
function factsOf(room: RoomAccessFacts): RoomAccessFacts {
  return {
    _id: room._id,
    ownerId: room.ownerId,
    ...(room.hostIds ? { hostIds: [...room.hostIds] } : {}),
    members: [...room.members],
    ...(room.participants ? { participants: room.participants.map((p) => ({ ...p })) } : {}),
    invites: room.invites.map((invite) => ({ ...invite })),
    ...(room.revokedInvites ? { revokedInvites: [...room.revokedInvites] } : {}),
    ...(room.controls ? { controls: { ...room.controls } } : {}),
    ...(room.session ? { session: { ...room.session } } : {}),
  };
}
