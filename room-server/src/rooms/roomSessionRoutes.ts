import {
  DEFAULT_ROOM_CONTROLS,
  DEFAULT_ROOM_SESSION,
  type RoomControls,
  type RoomSession,
  sessionEndedAt,
  sessionEndsAt,
} from '@codestream/shared';
import { controlsChangeSchema, endRoomInputSchema, sessionChangeSchema } from '@codestream/shared/api';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import { parseOr400 } from '../http/validation.ts';
import type { RoomMeta, RoomRepository } from './RoomRepository.ts';
import { loadRoomAsHost } from './roomRouteAccess.ts';

/**
 * What hosts decide for a room (run policy, locks), its title and timer, and its end.
 * Each change is stored before anyone hears of it; then the loaded room tells everyone
 * and every socket is checked again (a lock or the end makes editors viewers).
 */
export function roomSessionRoutes(
  rooms: Pick<RoomRepository, 'findMeta' | 'setControls' | 'setSession'>,
  access: Pick<AccessChanges, 'roomSettingsChanged'>,
): Router {
  const router = new Router({ prefix: '/api' });

  const controlsOf = (room: RoomMeta): RoomControls => ({ ...DEFAULT_ROOM_CONTROLS, ...room.controls });
  const sessionOf = (room: RoomMeta): RoomSession => ({ ...DEFAULT_ROOM_SESSION, ...room.session });

  /** The room as stored after a change (another host may have changed other fields meanwhile), told to the room. */
  async function changed(room: RoomMeta) {
    const stored = (await rooms.findMeta(room._id)) ?? room;
    const controls = controlsOf(stored);
    const session = sessionOf(stored);
    access.roomSettingsChanged(room._id, controls, session);
    return { controls, session };
  }

  /**
   * One change of a room's settings at a time in this process: the embedded database
   * loses one of two concurrent `$set`s into the same new sub-document (measured).
   */
  const writing = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(roomId: string, write: () => Promise<T>): Promise<T> {
    const next = (writing.get(roomId) ?? Promise.resolve()).catch(() => undefined).then(write);
    writing.set(roomId, next);
    void next
      .finally(() => {
        if (writing.get(roomId) === next) writing.delete(roomId);
      })
      .catch(() => undefined);
    return next;
  }

  function storeControls(room: RoomMeta, change: Partial<RoomControls>) {
    return oneAtATime(room._id, async () => {
      await rooms.setControls(room._id, change);
      return (await changed(room)).controls;
    });
  }

  function storeSession(room: RoomMeta, change: Partial<RoomSession>) {
    return oneAtATime(room._id, async () => {
      await rooms.setSession(room._id, change);
      return (await changed(room)).session;
    });
  }

  router.patch('/rooms/:id/controls', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const change = parseOr400(controlsChangeSchema, ctx.request.body ?? {});
    ctx.body = await storeControls(room, change);
  });

  router.patch('/rooms/:id/session', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const { timer, ...change } = parseOr400(sessionChangeSchema, ctx.request.body ?? {});
    const session: Partial<RoomSession> = change;
    if (timer === 'start') {
      const length = change.durationMinutes === undefined ? sessionOf(room).durationMinutes : change.durationMinutes;
      if (length === null) throw createHttpError(400, 'Set the interview’s length first.');
      session.timerStartedAt = Date.now();
    } else if (timer === 'stop') {
      session.timerStartedAt = null;
    }
    ctx.body = await storeSession(room, session);
  });

  router.post('/rooms/:id/end', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const { archiveForGuests } = parseOr400(endRoomInputSchema, ctx.request.body ?? {});
    const endedAt = sessionEndedAt(sessionOf(room), Date.now()) ?? Date.now();
    ctx.body = await storeSession(room, { endedAt, archiveForGuests });
  });

  router.post('/rooms/:id/reopen', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const endsAt = sessionEndsAt(sessionOf(room));
    // A timer that already ran out would end the room again at once.
    const timerOver = endsAt !== null && endsAt <= Date.now();
    ctx.body = await storeSession(room, { endedAt: null, ...(timerOver ? { timerStartedAt: null } : {}) });
  });

  return router;
}
