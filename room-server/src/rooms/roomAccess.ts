import { DEFAULT_ROOM_SESSION, type RoomRole, sessionEndedAt } from '@codestream/shared';
import type { AuthState } from '../accounts/guards.ts';
import { inviteId, type RoomInvite, type RoomMeta } from './RoomRepository.ts';

/** `manage`: owner or admin (invite, see runs). `participate`: member or invited guest. */
export type RoomAccess = 'manage' | 'participate' | null;

/** What deciding who may enter a room, and as what, needs of it. */
export type RoomAccessFacts = Pick<
  RoomMeta,
  '_id' | 'ownerId' | 'members' | 'participants' | 'invites' | 'revokedInvites' | 'controls' | 'session'
>;

/**
 * The person's role in the room now, or null when they may not enter: their given role
 * (see givenRole), made viewer while editing is locked or once the room has ended; after
 * the end, guests are out unless the hosts left them the archive.
 */
export function roomRole(room: RoomAccessFacts, state: AuthState): RoomRole | null {
  const role = givenRole(room, state);
  if (role === null || role === 'host') return role;
  if (hasEnded(room)) {
    if (!state.user && !room.session?.archiveForGuests) return null;
    return 'viewer';
  }
  return room.controls?.editingLocked ? 'viewer' : role;
}

/**
 * The role the person was given, or null when they may not enter: admins and the owner
 * are hosts; anyone an invite let in has the role it gave (people let in before roles
 * existed are editors).
 */
export function givenRole(room: RoomAccessFacts, state: AuthState): RoomRole | null {
  const { user, guest } = state;
  if (user && (user.role === 'admin' || user.id === room.ownerId)) return 'host';
  const entry = participantOf(room, state);
  if (entry) {
    if (entry.removedAt) return null;
    // A guest's access lasts as long as the invite they came in through.
    if (entry.inviteId && !usableInvite(room, entry.inviteId)) return null;
    return entry.role;
  }
  // Let in before roles existed: editors.
  if (user) return room.members.includes(user.id) ? 'editor' : null;
  return guest?.rooms.includes(room._id) && !guest.id && room.participants === undefined ? 'editor' : null;
}

/** When this person's access ends by itself (a guest's invite expires); null: it does not. */
export function accessEndsAt(room: RoomAccessFacts, state: AuthState): number | null {
  const entry = state.user ? undefined : participantOf(room, state);
  const invite = entry?.inviteId ? room.invites.find((candidate) => inviteId(candidate) === entry.inviteId) : undefined;
  return invite ? invite.expiresAt.getTime() : null;
}

/** Whether the room has ended (the person may have been let in before: guests lose access at the end). */
export function hasEnded(room: Pick<RoomAccessFacts, 'session'>): boolean {
  return (
    room.session !== undefined && sessionEndedAt({ ...DEFAULT_ROOM_SESSION, ...room.session }, Date.now()) !== null
  );
}

/** Whether a host removed this person from the room (their invite no longer lets them in). */
export function wasRemoved(room: RoomAccessFacts, state: AuthState): boolean {
  const entry = participantOf(room, state);
  return Boolean(entry?.removedAt || (entry?.inviteId && room.revokedInvites?.includes(entry.inviteId)));
}

/** The invite named `id` lets people in: it exists, has not expired and was not revoked. */
function usableInvite(room: Pick<RoomMeta, 'invites' | 'revokedInvites'>, id: string): boolean {
  const invite = room.invites.find((candidate) => inviteId(candidate) === id);
  return invite !== undefined && isUsable(room, invite);
}

function isUsable(room: Pick<RoomMeta, 'revokedInvites'>, invite: RoomInvite): boolean {
  return invite.expiresAt.getTime() > Date.now() && !room.revokedInvites?.includes(inviteId(invite));
}

function participantOf(room: RoomAccessFacts, { user, guest }: AuthState) {
  const participants = room.participants ?? [];
  if (user) return participants.find((p) => p.userId === user.id);
  if (!guest?.id || !guest.rooms.includes(room._id)) return undefined;
  return participants.find((p) => p.guestId === guest.id);
}

export function roomAccess(room: RoomAccessFacts, state: AuthState): RoomAccess {
  const role = roomRole(room, state);
  if (role === null) return null;
  return role === 'host' ? 'manage' : 'participate';
}

/** The invite of `room` whose token hashes to `tokenHash`, if it has not expired. */
export function validInvite(room: Pick<RoomMeta, 'invites' | 'revokedInvites'>, tokenHash: string) {
  return room.invites.find((invite) => invite.tokenHash === tokenHash && isUsable(room, invite));
}
