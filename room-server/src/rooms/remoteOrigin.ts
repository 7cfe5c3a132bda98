import type { Author } from './RoomUpdateRepository.ts';

/**
 * The origin of a change another room-server accepted (with Redis): a room relays it to
 * its own peers but neither logs nor publishes it again (the accepting server did).
 */
export class RemoteOrigin {
  constructor(
    /** Who made the change, as the accepting server logged them (null: cursors, or a catch-up). */
    readonly author: Author | null,
    /** Their name, for the room's activity. */
    readonly name: string | null,
  ) {}
}
