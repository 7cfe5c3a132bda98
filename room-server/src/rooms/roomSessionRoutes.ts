import {
  DEFAULT_ROOM_CONTROLS,
  DEFAULT_ROOM_SESSION,
  MAX_DURATION_MINUTES,
  MAX_TITLE_LENGTH,
  type RoomControls,
  type RoomSession,
  RUN_POLICIES,
  sessionEndedAt,
  sessionEndsAt,
} from '@codestream/shared';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import { z } from 'zod';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import { parseOr400 } from '../http/validation.ts';
import type { RoomMeta, RoomRepository } from './RoomRepository.ts';
import { loadRoomAsHost } from './roomRouteAccess.ts';

export const roomTitleSchema = z.string().trim().max(MAX_TITLE_LENGTH);

const controlsChangeSchema = z
  .object({
    runPolicy: z.enum(RUN_POLICIES),
    languageLocked: z.boolean(),
    editingLocked: z.boolean(),
    playbackForAll: z.boolean(),
  })
  .partial()
  .strict();

const sessionChangeSchema = z
  .object({
    title: roomTitleSchema,
    durationMinutes: z.number().int().min(1).max(MAX_DURATION_MINUTES).nullable(),
    autoEnd: z.boolean(),
    /** Starts the timer now, or stops it. */
    timer: z.enum(['start', 'stop']),
  })
  .partial()
  .strict();

const endSchema = z.object({ archiveForGuests: z.boolean().default(false) }).strict();

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

  async function storeControls(room: RoomMeta, controls: RoomControls) {
    await rooms.setControls(room._id, controls);
    access.roomSettingsChanged(room._id, controls, sessionOf(room));
    return controls;
  }

  async function storeSession(room: RoomMeta, session: RoomSession) {
    await rooms.setSession(room._id, session);
    access.roomSettingsChanged(room._id, controlsOf(room), session);
    return session;
  }

  router.patch('/rooms/:id/controls', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const change = parseOr400(controlsChangeSchema, ctx.request.body ?? {});
    ctx.body = await storeControls(room, { ...controlsOf(room), ...change });
  });

  router.patch('/rooms/:id/session', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const { timer, ...change } = parseOr400(sessionChangeSchema, ctx.request.body ?? {});
    const session = { ...sessionOf(room), ...change };
    if (timer === 'start') {
      if (session.durationMinutes === null) throw createHttpError(400, 'Set the interview’s length first.');
      session.timerStartedAt = Date.now();
    } else if (timer === 'stop') {
      session.timerStartedAt = null;
    }
    ctx.body = await storeSession(room, session);
  });

  router.post('/rooms/:id/end', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const { archiveForGuests } = parseOr400(endSchema, ctx.request.body ?? {});
    const session = sessionOf(room);
    const endedAt = sessionEndedAt(session, Date.now()) ?? Date.now();
    ctx.body = await storeSession(room, { ...session, endedAt, archiveForGuests });
  });

  router.post('/rooms/:id/reopen', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const session = sessionOf(room);
    const endsAt = sessionEndsAt(session);
    // A timer that already ran out would end the room again at once.
    const timerStartedAt = endsAt !== null && endsAt <= Date.now() ? null : session.timerStartedAt;
    ctx.body = await storeSession(room, { ...session, endedAt: null, timerStartedAt });
  });

  return router;
}
