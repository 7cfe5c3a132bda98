import type { PublicUser, Verdict } from '@codestream/shared';
import { roomArchiveInputSchema, roomListQuerySchema } from '@codestream/shared/api';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import { currentUser, requireUser } from '../accounts/guards.ts';
import { parseOr400 } from '../http/validation.ts';
import type { RoomProblems } from '../problems/roomProblems.ts';
import type { SubmissionRepositories } from '../submissions/submissionRepositories.ts';
import { deleteRoom } from './deleteRoom.ts';
import type { LiveRooms } from './LiveRooms.ts';
import type { RoomMeta } from './RoomRepository.ts';
import { roomAccess } from './roomAccess.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { loadRoom } from './roomRouteAccess.ts';
import { roomView } from './roomView.ts';

/** Rooms read to build one list (a person's rooms; every room for admins): searched, then the newest shown. */
const LIST_READ_LIMIT = 1_000;
const LIST_SHOW_LIMIT = 100;

export interface RoomListRoutesOptions {
  database: Pick<
    RoomRepositories,
    'rooms' | 'roomUpdates' | 'roomSnapshots' | 'roomEvents' | 'runs' | 'scorecards' | 'roomArchive' | 'roomChat'
  > &
    SubmissionRepositories;
  problems: RoomProblems;
  access: Pick<AccessChanges, 'roomMembersChanged'>;
  live: LiveRooms;
}

/** The room list (search, filters, what each room is up to), archiving and deleting rooms. */
export function roomListRoutes({ database, problems, access, live }: RoomListRoutesOptions): Router {
  const router = new Router({ prefix: '/api' });
  const { rooms, roomArchive } = database;

  /** Who each room is for, its problem, who is in it now, its latest verdict and activity. */
  async function describeRoom(room: RoomMeta, user: PublicUser, archived: boolean, titles: Map<string, string>) {
    const [online, run, submission] = await Promise.all([
      live.peopleIn(room._id),
      room.latestRunId ? database.runs.findById(room.latestRunId) : null,
      room.latestSubmissionId ? database.submissions.findById(room.latestSubmissionId) : null,
    ]);
    const lastActivity = Math.max(
      room.updatedAt.getTime(),
      run?.requestedAt.getTime() ?? 0,
      submission?.requestedAt.getTime() ?? 0,
    );
    const lastVerdict: { verdict: Verdict | null; stopped: boolean } | null = submission
      ? { verdict: submission.finished?.verdict ?? null, stopped: submission.finished?.stopped === true }
      : null;
    return {
      ...roomView(room, roomAccess(room, { user }) ?? 'participate'),
      problem: room.problemSlug
        ? { slug: room.problemSlug, title: titles.get(room.problemSlug) ?? room.problemSlug }
        : null,
      owned: room.ownerId === user.id,
      practice: room.practice === true,
      archived,
      online,
      lastActivityAt: new Date(lastActivity).toISOString(),
      lastVerdict,
    };
  }

  router.get('/rooms', requireUser, async (ctx) => {
    const user = currentUser(ctx) as PublicUser;
    const { q, filter, problem } = parseOr400(roomListQuerySchema, ctx.query);
    const all = await rooms.list(user.role === 'admin' ? null : user.id, LIST_READ_LIMIT);
    // Not the rooms a host removed them from (they stay members of record).
    const visible = all.filter((room) => roomAccess(room, { user }) !== null);
    const [archivedIds, titles] = await Promise.all([
      roomArchive.archivedAmong(visible.map((room) => room._id)),
      problems.titlesOf([...new Set(visible.flatMap((room) => (room.problemSlug ? [room.problemSlug] : [])))]),
    ]);
    const needle = q.toLowerCase();
    const matching = visible.filter((room) => {
      const archived = archivedIds.has(room._id);
      const owned = room.ownerId === user.id;
      if (filter === 'archived' ? !archived : archived) return false;
      if (filter === 'mine' && !owned) return false;
      if (filter === 'shared' && owned) return false;
      if (problem !== undefined && room.problemSlug !== problem) return false;
      if (!needle) return true;
      const problemTitle = room.problemSlug ? (titles.get(room.problemSlug) ?? '') : '';
      return [room.session?.title ?? '', room.problemSlug ?? '', problemTitle].some((text) =>
        text.toLowerCase().includes(needle),
      );
    });
    const items = await Promise.all(
      matching.map((room) => describeRoom(room, user, archivedIds.has(room._id), titles)),
    );
    items.sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
    ctx.body = { items: items.slice(0, LIST_SHOW_LIMIT), total: items.length };
  });

  router.patch('/rooms/:id', requireUser, async (ctx) => {
    const { room, access: roomAccessOf } = await loadRoom(rooms, ctx);
    const user = currentUser(ctx) as PublicUser;
    if (!room || !roomAccessOf) throw createHttpError(404, 'Room not found');
    if (room.ownerId !== user.id) throw createHttpError(403, 'Only the room’s owner can archive it.');
    const { archived } = parseOr400(roomArchiveInputSchema, ctx.request.body ?? {});
    if (archived) await roomArchive.archive(room._id, user.id);
    else await roomArchive.unarchive(room._id);
    ctx.body = { id: room._id, archived };
  });

  router.delete('/rooms/:id', requireUser, async (ctx) => {
    const { room, access: roomAccessOf } = await loadRoom(rooms, ctx);
    const user = currentUser(ctx) as PublicUser;
    if (!room || !roomAccessOf) throw createHttpError(404, 'Room not found');
    if (room.ownerId !== user.id && user.role !== 'admin') {
      throw createHttpError(403, 'Only the room’s owner (or an admin) can delete it.');
    }
    if (!(await deleteRoom(database, access, live, room._id))) throw createHttpError(404, 'Room not found');
    ctx.status = 204;
  });

  return router;
}
