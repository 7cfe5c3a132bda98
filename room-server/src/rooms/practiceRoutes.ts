import { DEFAULT_LANGUAGE, hasRole, MAX_TITLE_LENGTH, type PublicUser } from '@codestream/shared';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import { currentUser, requireUser } from '../accounts/guards.ts';
import type { RoomProblems } from '../problems/roomProblems.ts';
import { createRoom } from './createRoom.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { roomView } from './roomView.ts';

export interface PracticeRoutesOptions {
  database: Pick<RoomRepositories, 'rooms' | 'roomSnapshots' | 'roomArchive'>;
  problems: RoomProblems;
  access: Pick<AccessChanges, 'roomCreated'>;
  /** Rooms an account without the host role may own, archived ones not counted (ROOMS_PER_MEMBER). */
  roomsPerMember: number;
}

/**
 * "Solve" on a problem: the requester's own practice room on it, made on the first solve
 * (201) and the same one after (200). Members own no other rooms, so their limit is
 * counted here; hosts make any room through POST /api/rooms and have no limit.
 */
export function practiceRoutes({ database, problems, access, roomsPerMember }: PracticeRoutesOptions): Router {
  const router = new Router({ prefix: '/api' });
  // One solve per person at a time, so a double click cannot make two rooms or pass the
  // limit (the embedded database has no transactions). One process serves a database.
  const busy = new Map<string, Promise<unknown>>();
  const oneAtATime = async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = busy.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    busy.set(key, next);
    try {
      return await next;
    } finally {
      if (busy.get(key) === next) busy.delete(key);
    }
  };

  const roomsLeft = async (user: PublicUser): Promise<boolean> => {
    if (hasRole(user.role, ['host'])) return true;
    const owned = await database.rooms.idsOwnedBy(user.id);
    const archived = await database.roomArchive.archivedAmong(owned);
    return owned.length - archived.size < roomsPerMember;
  };

  router.post('/problems/:slug/practice', requireUser, async (ctx) => {
    const user = currentUser(ctx) as PublicUser;
    const problem = await problems.forUser(ctx.params.slug ?? '', user);
    if (!problem) throw createHttpError(404, 'Problem not found');
    const { created, room } = await oneAtATime(user.id, async () => {
      const existing = await database.rooms.findPractice(user.id, problem.slug);
      if (existing) return { created: false, room: existing };
      if (!(await roomsLeft(user))) {
        throw createHttpError(
          409,
          `You have ${roomsPerMember} rooms, as many as a member may keep open. Delete or archive one you no longer need, then press Solve again.`,
        );
      }
      const title = `Practice: ${problem.title}`.slice(0, MAX_TITLE_LENGTH);
      const record = await createRoom(database, access, {
        ownerId: user.id,
        language: DEFAULT_LANGUAGE,
        problem,
        title,
        practice: true,
      });
      return { created: true, room: record };
    });
    ctx.status = created ? 201 : 200;
    ctx.body = roomView(room, 'manage');
  });

  return router;
}
