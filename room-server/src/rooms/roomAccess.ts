import type { AuthState } from '../accounts/guards.ts';
import type { RoomMeta } from './RoomRepository.ts';

/** `manage`: owner or admin (invite, see runs). `participate`: member or invited guest. */
export type RoomAccess = 'manage' | 'participate' | null;

export function roomAccess(room: Pick<RoomMeta, '_id' | 'ownerId' | 'members'>, state: AuthState): RoomAccess {
  const { user, guest } = state;
  if (user) {
    if (user.role === 'admin' || user.id === room.ownerId) return 'manage';
    if (room.members.includes(user.id)) return 'participate';
    return null;
  }
  return guest?.rooms.includes(room._id) ? 'participate' : null;
}

/** The invite of `room` whose token hashes to `tokenHash`, if it has not expired. */
export function validInvite(room: Pick<RoomMeta, 'invites'>, tokenHash: string) {
  return room.invites.find((invite) => invite.tokenHash === tokenHash && invite.expiresAt.getTime() > Date.now());
}
