/**
 * What a person may do in one room, decided by the server: `host` (the owner, admins and
 * co-interviewers: everything), `editor` (edit, run, submit), `viewer` (watch only).
 */
export const ROOM_ROLES = ['host', 'editor', 'viewer'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];

/** The role an invite gives when it names none. */
export const DEFAULT_INVITE_ROLE: RoomRole = 'editor';

const ROLE_RANK: Record<RoomRole, number> = { viewer: 0, editor: 1, host: 2 };

/**
 * The role a person takes in a room when they ask for one (`?as=` on the room socket and page):
 * it can only lower theirs (a host observes as a viewer, or helps as an editor).
 */
export function requestedRole(role: RoomRole, asked: string | null): RoomRole {
  if (asked !== 'viewer' && asked !== 'editor') return role;
  return ROLE_RANK[asked] < ROLE_RANK[role] ? asked : role;
}
