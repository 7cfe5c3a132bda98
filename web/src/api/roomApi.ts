import {
  LANGUAGE_IDS,
  type LanguageId,
  publicProblemSchema,
  ROOM_ROLES,
  type RoomRole,
  verdictSchema,
} from '@codestream/shared';
import * as z from 'zod/mini';
import { ApiError, errorMessage, type Fetch, queryString, request, requestJson } from '../lib/http.ts';

export const ROOM_ACCESS = ['manage', 'participate', 'invited'] as const;
export type RoomAccess = (typeof ROOM_ACCESS)[number];

const roomSummarySchema = z.object({
  id: z.string(),
  language: z.enum(LANGUAGE_IDS),
  problemSlug: z._default(z.nullable(z.string()), null),
  ownerId: z._default(z.nullable(z.string()), null),
  access: z.enum(ROOM_ACCESS),
  /** Empty when the room has none. */
  title: z._default(z.string(), ''),
  /** The interview ended: a read-only archive. */
  ended: z._default(z.boolean(), false),
  createdAt: z.union([z.string(), z.number()]),
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;

/**
 * A problem the server sent that this client cannot read is dropped rather than failing
 * the whole room: the room works without its statement.
 */
const roomProblemSchema = z.catch(z._default(z.nullable(publicProblemSchema), null), (ctx) => {
  console.warn('Ignored the room’s problem: unexpected shape', ctx.error.issues);
  return null;
});

const roomDetailSchema = z.extend(roomSummarySchema, {
  /** The requester's role in the room; null while they only hold an invite. */
  role: z._default(z.nullable(z.enum(ROOM_ROLES)), null),
  invite: z._default(
    z.nullable(z.object({ allowGuests: z.boolean(), role: z._default(z.enum(ROOM_ROLES), 'editor') })),
    null,
  ),
  problem: roomProblemSchema,
});
export type RoomDetail = z.infer<typeof roomDetailSchema>;

/** A room as the room list shows it: its problem, who is in it now, what happened last. */
const roomListItemSchema = z.extend(roomSummarySchema, {
  problem: z._default(z.nullable(z.object({ slug: z.string(), title: z.string() })), null),
  owned: z.boolean(),
  practice: z._default(z.boolean(), false),
  archived: z.boolean(),
  /** People connected now. */
  online: z.number(),
  lastActivityAt: z.string(),
  /** The latest submission's verdict (null verdict: still being judged); null: none yet. */
  lastVerdict: z.nullable(z.object({ verdict: z.nullable(verdictSchema), stopped: z.boolean() })),
});
export type RoomListItem = z.infer<typeof roomListItemSchema>;

const roomListSchema = z.object({ items: z.array(roomListItemSchema), total: z.number() });

export const ROOM_LIST_FILTERS = ['active', 'mine', 'shared', 'archived'] as const;
export type RoomListFilter = (typeof ROOM_LIST_FILTERS)[number];

const inviteSchema = z.object({
  token: z.string(),
  path: z.string(),
  allowGuests: z.boolean(),
  role: z._default(z.enum(ROOM_ROLES), 'editor'),
  expiresAt: z.string(),
});
export type RoomInvite = z.infer<typeof inviteSchema>;

export type RoomLookup =
  | { kind: 'found'; room: RoomDetail }
  /** Unknown room, or one this person may not see (and no valid invite). */
  | { kind: 'not-found' }
  /** An interview this guest was in has ended (without leaving guests the archive). */
  | { kind: 'ended' }
  /** The server could not be asked (offline, 5xx): the socket will tell more. */
  | { kind: 'unknown'; message: string };

export interface NewRoom {
  language: LanguageId;
  problemSlug?: string;
  title?: string;
}

export function createRoom({ language, problemSlug, title }: NewRoom, fetchImpl?: Fetch) {
  return requestJson(roomSummarySchema, '/api/rooms', {
    method: 'POST',
    json: { language, ...(problemSlug ? { problemSlug } : {}), ...(title ? { title } : {}) },
    fetchImpl,
  });
}

/** The rooms matching `q` (title or problem) and `filter`, most recently active first. */
export function listRooms(query: { q?: string; filter?: RoomListFilter }, signal?: AbortSignal, fetchImpl?: Fetch) {
  const params = queryString({
    q: query.q || null,
    filter: query.filter && query.filter !== 'active' ? query.filter : null,
  });
  return requestJson(roomListSchema, `/api/rooms${params}`, { fetchImpl, ...(signal ? { signal } : {}) });
}

/** "Solve": the requester's own practice room on the problem (made on the first call). */
export function openPracticeRoom(slug: string, fetchImpl?: Fetch) {
  return requestJson(roomSummarySchema, `/api/problems/${encodeURIComponent(slug)}/practice`, {
    method: 'POST',
    fetchImpl,
  });
}

/** The owner archives a room (hidden from the default list, still openable) or restores it. */
export async function setRoomArchived(roomId: string, archived: boolean, fetchImpl?: Fetch) {
  await request(`/api/rooms/${encodeURIComponent(roomId)}`, { method: 'PATCH', json: { archived }, fetchImpl });
}

/** Deletes a room for good (owner or admin): everyone in it is disconnected. */
export async function deleteRoom(roomId: string, fetchImpl?: Fetch) {
  await request(`/api/rooms/${encodeURIComponent(roomId)}`, { method: 'DELETE', fetchImpl });
}

export async function lookupRoom(
  roomId: string,
  invite?: string | null,
  fetchImpl?: Fetch,
  signal?: AbortSignal,
): Promise<RoomLookup> {
  try {
    const room = await requestJson(
      roomDetailSchema,
      `/api/rooms/${encodeURIComponent(roomId)}${queryString({ invite })}`,
      { fetchImpl, ...(signal ? { signal } : {}) },
    );
    return { kind: 'found', room };
  } catch (err) {
    if (signal?.aborted) throw err;
    if (err instanceof ApiError && err.status === 404) return { kind: 'not-found' };
    // A guest of an interview that ended without leaving them the archive.
    if (err instanceof ApiError && err.status === 410) return { kind: 'ended' };
    return { kind: 'unknown', message: errorMessage(err) };
  }
}

export function createRoomInvite(roomId: string, allowGuests: boolean, role: RoomRole, fetchImpl?: Fetch) {
  return requestJson(inviteSchema, `/api/rooms/${encodeURIComponent(roomId)}/invites`, {
    method: 'POST',
    json: { allowGuests, role },
    fetchImpl,
  });
}

/** Joins through an invitation: as the signed-in account, or as a guest called `guestName`. */
export async function joinRoom(roomId: string, invite: string, guestName?: string, fetchImpl?: Fetch): Promise<void> {
  await requestJson(z.unknown(), `/api/rooms/${encodeURIComponent(roomId)}/join`, {
    method: 'POST',
    json: { invite, ...(guestName ? { name: guestName } : {}) },
    fetchImpl,
  });
}

const participantSchema = z.object({
  id: z.string(),
  kind: z.enum(['account', 'guest']),
  name: z.string(),
  role: z.enum(ROOM_ROLES),
  joinedAt: z.string(),
  removed: z.boolean(),
});
export type RoomParticipant = z.infer<typeof participantSchema>;

/** Everyone an invite let into the room, with their role (hosts only). */
export async function listParticipants(roomId: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  const path = `/api/rooms/${encodeURIComponent(roomId)}/participants`;
  return (await requestJson(z.object({ items: z.array(participantSchema) }), path, { signal, fetchImpl })).items;
}

export async function setParticipantRole(roomId: string, id: string, role: RoomRole, fetchImpl?: Fetch) {
  await request(`/api/rooms/${encodeURIComponent(roomId)}/participants/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    json: { role },
    fetchImpl,
  });
}

export async function removeParticipant(roomId: string, id: string, fetchImpl?: Fetch) {
  await request(`/api/rooms/${encodeURIComponent(roomId)}/participants/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    fetchImpl,
  });
}

const listedInviteSchema = z.object({
  id: z.string(),
  role: z.enum(ROOM_ROLES),
  allowGuests: z.boolean(),
  createdAt: z.nullable(z.string()),
  expiresAt: z.string(),
  expired: z.boolean(),
  revoked: z.boolean(),
});
export type ListedInvite = z.infer<typeof listedInviteSchema>;

/** The room's invitation links, newest last, with role and expiry (hosts only; never the tokens). */
export async function listInvites(roomId: string, signal?: AbortSignal, fetchImpl?: Fetch) {
  const path = `/api/rooms/${encodeURIComponent(roomId)}/invites`;
  return (await requestJson(z.object({ items: z.array(listedInviteSchema) }), path, { signal, fetchImpl })).items;
}

/** Revokes an invitation link: it lets no one in any more, and the guests it let in are out. */
export async function revokeInvite(roomId: string, id: string, fetchImpl?: Fetch) {
  await request(`/api/rooms/${encodeURIComponent(roomId)}/invites/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    fetchImpl,
  });
}
