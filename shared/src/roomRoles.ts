/**
 * What a person may do in one room, decided by the server: `host` (the owner, admins and
 * co-interviewers: everything), `editor` (edit, run, submit), `viewer` (watch only).
 */
export const ROOM_ROLES = ['host', 'editor', 'viewer'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];

/** The role an invite gives when it names none. */
export const DEFAULT_INVITE_ROLE: RoomRole = 'editor';
