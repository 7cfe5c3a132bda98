import type { RoomMeta } from './RoomRepository.ts';
import { hasEnded } from './roomAccess.ts';

/** A room as the REST routes describe it, with the requester's access. */
export function roomView(room: RoomMeta, access: string) {
  return {
    id: room._id,
    title: room.session?.title ?? '',
    ended: hasEnded(room),
    language: room.language,
    problemSlug: room.problemSlug,
    ownerId: room.ownerId,
    access,
    createdAt: room.createdAt.toISOString(),
  };
}
