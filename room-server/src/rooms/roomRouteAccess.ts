import { ROOM_ID_PATTERN, type RoomRole } from '@codestream/shared';
import createHttpError from 'http-errors';
import type { Context } from 'koa';
import type { AuthState } from '../accounts/guards.ts';
import type { RoomMeta, RoomRepository } from './RoomRepository.ts';
import { type RoomAccess, roomAccess, roomRole } from './roomAccess.ts';

/** The room named by `ctx.params.id` and the requester's access to it (null: none, or no such room). */
export async function loadRoom(
  rooms: Pick<RoomRepository, 'findMeta'>,
  ctx: Context,
): Promise<{ room: RoomMeta | null; access: RoomAccess }> {
  const id = ctx.params.id ?? '';
  const room = ROOM_ID_PATTERN.test(id) ? await rooms.findMeta(id) : null;
  const access = room ? roomAccess(room, ctx.state as AuthState) : null;
  return { room, access };
}

/** The room with the requester's role in it; 404 to anyone not in it, so ids cannot be probed. */
export async function loadRoomAsParticipant(
  rooms: Pick<RoomRepository, 'findMeta'>,
  ctx: Context,
): Promise<{ room: RoomMeta; role: RoomRole }> {
  const { room } = await loadRoom(rooms, ctx);
  const role = room ? roomRole(room, ctx.state as AuthState) : null;
  if (!room || !role) throw createHttpError(404, 'Room not found');
  return { room, role };
}

/** The room, for its hosts only (404 to anyone who may not see it, 403 to other participants). */
export async function loadRoomAsHost(rooms: Pick<RoomRepository, 'findMeta'>, ctx: Context): Promise<RoomMeta> {
  const { room, access } = await loadRoom(rooms, ctx);
  if (!room || !access) throw createHttpError(404, 'Room not found');
  if (access !== 'manage') throw createHttpError(403, 'Only the room’s hosts can do this');
  return room;
}
