import { EMPTY_SCORECARD, scorecardInputSchema } from '@codestream/shared';
import Router from '@koa/router';
import type { AuthState } from '../accounts/guards.ts';
import { parseOr400 } from '../http/validation.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { loadRoomAsHost } from './roomRouteAccess.ts';

/**
 * A room's scorecard, for its hosts only (404 to anyone not in the room, 403 to its other
 * participants). The notes themselves travel on the hosts' notes socket.
 */
export function notesRoutes(database: Pick<RoomRepositories, 'rooms' | 'scorecards'>): Router {
  const router = new Router({ prefix: '/api' });

  router.get('/rooms/:id/scorecard', async (ctx) => {
    const room = await loadRoomAsHost(database.rooms, ctx);
    ctx.body = (await database.scorecards.find(room._id)) ?? EMPTY_SCORECARD;
  });

  router.put('/rooms/:id/scorecard', async (ctx) => {
    const room = await loadRoomAsHost(database.rooms, ctx);
    const input = parseOr400(scorecardInputSchema, ctx.request.body ?? {});
    const { user, guest } = ctx.state as AuthState;
    // Answered only once stored.
    ctx.body = await database.scorecards.save(room._id, input, user?.name ?? guest?.name ?? '');
  });

  return router;
}
