import { personNameSchema } from '../auth.ts';
import { DEFAULT_LANGUAGE, LANGUAGE_IDS } from '../languages.ts';
import { MAX_TITLE_LENGTH } from '../roomControls.ts';
import { runViewSchema } from '../roomMessages.ts';
import { DEFAULT_INVITE_ROLE, ROOM_ROLES } from '../roomRoles.ts';
import { verdictSchema } from '../submissions.ts';
import { z } from '../zodMini.ts';
import { type ApiRoute, isoTimeSchema, itemsOf, json, noContent } from './apiRoute.ts';
import { problemSchema } from './problemsApi.ts';

/** A room's title, as hosts set it. */
export const roomTitleSchema = z.string().check(z.trim(), z.maxLength(MAX_TITLE_LENGTH));

export const createRoomInputSchema = z.strictObject({
  language: z._default(z.enum(LANGUAGE_IDS), DEFAULT_LANGUAGE),
  problemSlug: z.optional(z.string().check(z.maxLength(64))),
  title: z.optional(roomTitleSchema),
});
export const roomInviteInputSchema = z.strictObject({
  allowGuests: z._default(z.boolean(), false),
  expiresInHours: z._default(z.number().check(z.int(), z.gte(1), z.lte(720)), 72),
  role: z._default(z.enum(ROOM_ROLES), DEFAULT_INVITE_ROLE),
});
export const participantChangeSchema = z.strictObject({ role: z.enum(ROOM_ROLES) });
/** Joining through an invite: `name` is needed only by a guest (no account). */
export const joinRoomInputSchema = z.strictObject({
  invite: z.string().check(z.minLength(1), z.maxLength(100)),
  name: z.optional(personNameSchema),
});

/** `active`: every room but archived ones; `mine`: owned, not archived; `shared`: others' rooms one was let into. */
export const ROOM_LIST_FILTERS = ['active', 'mine', 'shared', 'archived'] as const;
export const roomListQuerySchema = z.object({
  q: z._default(z.string().check(z.trim(), z.maxLength(100)), ''),
  filter: z._default(z.enum(ROOM_LIST_FILTERS), 'active'),
  problem: z.optional(z.string().check(z.maxLength(64))),
});
export const roomArchiveInputSchema = z.strictObject({ archived: z.boolean() });

export const languageSchema = z.object({
  id: z.enum(LANGUAGE_IDS),
  label: z.string(),
  version: z.string(),
  editorMode: z.enum(['python', 'javascript']),
  /** Code a new room starts with. */
  template: z.string(),
});

/** What the requester may do with a room: `manage` (a host), `participate`, or only `invited`. */
export const ROOM_ACCESS_LEVELS = ['manage', 'participate', 'invited'] as const;
export const roomViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  ended: z.boolean(),
  language: z.enum(LANGUAGE_IDS),
  problemSlug: z.nullable(z.string()),
  ownerId: z.string(),
  access: z.enum(ROOM_ACCESS_LEVELS),
  createdAt: isoTimeSchema,
});
export type RoomViewBody = z.infer<typeof roomViewSchema>;

export const roomDetailSchema = z.extend(roomViewSchema, {
  /** The requester's role in the room; null while they only hold an invite. */
  role: z.nullable(z.enum(ROOM_ROLES)),
  /** The invite of `?invite=`, when it is valid. */
  invite: z.nullable(z.object({ allowGuests: z.boolean(), role: z.enum(ROOM_ROLES) })),
  /** The room's problem; null for an invite holder, who sees it once they join. */
  problem: z.nullable(problemSchema),
});

export const roomListItemSchema = z.extend(roomViewSchema, {
  problem: z.nullable(z.object({ slug: z.string(), title: z.string() })),
  owned: z.boolean(),
  practice: z.boolean(),
  archived: z.boolean(),
  /** People connected now (0 when the room is not loaded). */
  online: z.number(),
  lastActivityAt: isoTimeSchema,
  /** The latest submission's verdict (null verdict: still being judged); null: none yet. */
  lastVerdict: z.nullable(z.object({ verdict: z.nullable(verdictSchema), stopped: z.boolean() })),
});
export const roomListSchema = z.object({ items: z.array(roomListItemSchema), total: z.number() });

export const roomInviteSchema = z.object({
  id: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string(),
  /** The room's page with the invite. */
  path: z.string(),
  allowGuests: z.boolean(),
  role: z.enum(ROOM_ROLES),
  expiresAt: isoTimeSchema,
});
export const listedInviteSchema = z.object({
  id: z.string(),
  role: z.enum(ROOM_ROLES),
  allowGuests: z.boolean(),
  createdAt: z.nullable(isoTimeSchema),
  expiresAt: isoTimeSchema,
  expired: z.boolean(),
  revoked: z.boolean(),
});
export const participantSchema = z.object({
  id: z.string(),
  kind: z.enum(['account', 'guest']),
  name: z.string(),
  role: z.enum(ROOM_ROLES),
  joinedAt: isoTimeSchema,
  removed: z.boolean(),
});
/** A run as its room's hosts list it: with the code and input it ran. */
export const hostRunSchema = z.extend(runViewSchema, { code: z.string(), stdin: z.string() });
export const roomIdSchema = z.object({ id: z.string() });

const roomId = { id: 'A room id (20 characters of A–Z, a–z, 0–9, _ and -).' };
const roomNotFound = 'Room not found (or the requester is not in it).';
const notAHost = 'The requester is in the room but not one of its hosts.';
const accountsOnly = 'Sign in first (guests cannot do this).';

export const ROOM_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/languages',
    summary: 'The languages rooms can run, with their versions and starter templates.',
    tag: 'Rooms',
    access: 'public',
    responses: { 200: json(z.array(languageSchema), 'Every language.') },
  },
  {
    method: 'get',
    path: '/api/rooms',
    summary: 'The requester’s rooms, most recently active first (at most 100).',
    tag: 'Rooms',
    access: 'signed-in',
    query: roomListQuerySchema,
    responses: { 200: json(roomListSchema, 'The matching rooms and how many matched.') },
  },
  {
    method: 'post',
    path: '/api/rooms',
    summary: 'Makes a room, optionally on a problem whose starter code seeds the editor.',
    tag: 'Rooms',
    access: 'host',
    body: { json: createRoomInputSchema },
    responses: { 201: json(roomViewSchema, 'The new room.'), 404: 'Problem not found.' },
  },
  {
    method: 'get',
    path: '/api/rooms/:id',
    summary: 'A room, with the requester’s role in it and its problem.',
    description: 'Someone holding only an invite (`?invite=`) sees that the room exists, not its problem.',
    tag: 'Rooms',
    access: 'room',
    params: roomId,
    query: z.object({ invite: z.optional(z.string()) }),
    responses: {
      200: json(roomDetailSchema, 'The room.'),
      404: roomNotFound,
      410: 'The interview has ended and its archive is not left to guests.',
    },
  },
  {
    method: 'patch',
    path: '/api/rooms/:id',
    summary: 'Archives or restores a room (its owner only).',
    tag: 'Rooms',
    access: 'room',
    params: roomId,
    body: { json: roomArchiveInputSchema },
    responses: {
      401: accountsOnly,
      200: json(z.object({ id: z.string(), archived: z.boolean() }), 'Archived or restored.'),
      403: 'Only the room’s owner can archive it.',
      404: roomNotFound,
    },
  },
  {
    method: 'delete',
    path: '/api/rooms/:id',
    summary: 'Deletes a room, its log, runs and notes (its owner or an admin); its sockets close with 4008.',
    tag: 'Rooms',
    access: 'room',
    params: roomId,
    responses: {
      401: accountsOnly,
      204: noContent('Deleted.'),
      403: 'Only the room’s owner (or an admin) can delete it.',
      404: roomNotFound,
    },
  },
  {
    method: 'post',
    path: '/api/problems/:slug/practice',
    summary: 'The requester’s own practice room on a problem: made on the first call, the same one after.',
    tag: 'Rooms',
    access: 'signed-in',
    params: { slug: 'A problem slug.' },
    responses: {
      200: json(roomViewSchema, 'The practice room made before.'),
      201: json(roomViewSchema, 'A new practice room.'),
      404: 'Problem not found.',
      409: 'A member has as many rooms as ROOMS_PER_MEMBER allows.',
    },
  },
  {
    method: 'post',
    path: '/api/rooms/:id/invites',
    summary: 'Makes an invitation link to the room.',
    tag: 'Rooms',
    access: 'room-host',
    params: roomId,
    body: { json: roomInviteInputSchema },
    responses: {
      401: accountsOnly,
      201: json(roomInviteSchema, 'The invite; its token is shown only now.'),
      403: `${notAHost} Or a member invited guests or hosts (only hosts may).`,
      404: roomNotFound,
    },
  },
  {
    method: 'get',
    path: '/api/rooms/:id/invites',
    summary: 'The room’s invitations, valid or not.',
    tag: 'Rooms',
    access: 'room-host',
    params: roomId,
    responses: { 200: json(itemsOf(listedInviteSchema), 'Every invite.'), 403: notAHost, 404: roomNotFound },
  },
  {
    method: 'delete',
    path: '/api/rooms/:id/invites/:invite',
    summary: 'Revokes an invitation; the guests it let in are out at once.',
    tag: 'Rooms',
    access: 'room-host',
    params: { ...roomId, invite: 'An invite id (from the list).' },
    responses: { 204: noContent('Revoked.'), 403: notAHost, 404: 'No such room or invite.' },
  },
  {
    method: 'post',
    path: '/api/rooms/:id/join',
    summary: 'Joins a room through an invitation, as the signed-in account or as a named guest.',
    tag: 'Rooms',
    access: 'public',
    params: roomId,
    body: { json: joinRoomInputSchema },
    responses: {
      200: json(roomIdSchema, 'Joined.'),
      400: 'A guest did not give a name.',
      401: 'The invite admits accounts only: sign in first.',
      403: 'A host removed the requester from this room, or the interview has ended.',
      404: 'The invitation is not valid (it may have expired).',
    },
  },
  {
    method: 'get',
    path: '/api/rooms/:id/participants',
    summary: 'Everyone an invite let into the room, with their role.',
    tag: 'Rooms',
    access: 'room-host',
    params: roomId,
    responses: { 200: json(itemsOf(participantSchema), 'The participants.'), 403: notAHost, 404: roomNotFound },
  },
  {
    method: 'patch',
    path: '/api/rooms/:id/participants/:participant',
    summary: 'Changes a participant’s role in the room.',
    tag: 'Rooms',
    access: 'room-host',
    params: { ...roomId, participant: 'A participant id (from the list).' },
    body: { json: participantChangeSchema },
    responses: { 204: noContent('Changed.'), 403: notAHost, 404: 'No such room or participant.' },
  },
  {
    method: 'delete',
    path: '/api/rooms/:id/participants/:participant',
    summary: 'Removes a participant from the room; their sockets close.',
    tag: 'Rooms',
    access: 'room-host',
    params: { ...roomId, participant: 'A participant id (from the list).' },
    responses: { 204: noContent('Removed.'), 403: notAHost, 404: 'No such room or participant.' },
  },
  {
    method: 'get',
    path: '/api/rooms/:id/runs',
    summary: 'The room’s latest 50 runs, with their code, input and output.',
    tag: 'Rooms',
    access: 'room-host',
    params: roomId,
    responses: {
      401: accountsOnly,
      200: json(itemsOf(hostRunSchema), 'Newest first.'),
      403: notAHost,
      404: roomNotFound,
    },
  },
];
