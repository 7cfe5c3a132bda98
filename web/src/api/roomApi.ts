import { LANGUAGE_IDS, type LanguageId, publicProblemSchema, ROOM_ROLES, type RoomRole } from '@codestream/shared';
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

const roomListSchema = z.object({ items: z.array(roomSummarySchema) });

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

export async function listRooms(fetchImpl?: Fetch) {
  return (await requestJson(roomListSchema, '/api/rooms', { fetchImpl })).items;
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
