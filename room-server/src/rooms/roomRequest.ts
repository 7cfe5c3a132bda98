import { ROOM_ID_PATTERN, type RoomRole } from '@codestream/shared';
import createHttpError from 'http-errors';
import type { Context } from 'koa';
import type { AuthState } from '../accounts/guards.ts';
import type { RoomMeta } from './RoomRepository.ts';
import { roomRole } from './roomAccess.ts';
import type { RoomRepositories } from './roomRepositories.ts';

/** The room of `ctx.params.id` with the requester's role in it; 404 to anyone not in it, so ids cannot be probed. */
export async function roomOfRequest(
  ctx: Context,
  rooms: Pick<RoomRepositories['rooms'], 'findMeta'>,
): Promise<{ room: RoomMeta; role: RoomRole }> {
  const id = ctx.params.id ?? '';
  const room = ROOM_ID_PATTERN.test(id) ? await rooms.findMeta(id) : null;
  const role = room ? roomRole(room, ctx.state as AuthState) : null;
  if (!room || !role) throw createHttpError(404, 'Room not found');
  return { room, role };
}

/** The same, for the room's hosts only: 403 to its other participants. */
export async function hostRoomOfRequest(ctx: Context, rooms: Pick<RoomRepositories['rooms'], 'findMeta'>) {
  const found = await roomOfRequest(ctx, rooms);
  if (found.role !== 'host') throw createHttpError(403, 'Only the room’s hosts can do this');
  return found.room;
}
