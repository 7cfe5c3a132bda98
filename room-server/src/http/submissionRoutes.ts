import { hasRole, type PublicUser, ROOM_ID_PATTERN } from '@codestream/shared';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { Context } from 'koa';
import { type AuthState, currentUser, requireUser } from '../auth/guards.ts';
import type { Database } from '../db/Database.ts';
import { type SubmissionRecord, toSubmissionView } from '../db/SubmissionRepository.ts';
import { roomAccess } from '../rooms/roomAccess.ts';

const LIST_LIMIT = 100;

function summary(record: Omit<SubmissionRecord, 'code'>) {
  return {
    id: record._id,
    roomId: record.roomId,
    problemSlug: record.problemSlug,
    submittedBy: record.submittedBy,
    language: record.language,
    requestedAt: record.requestedAt.toISOString(),
    verdict: record.finished?.verdict ?? null,
    passed: record.finished?.passed ?? 0,
    total: record.total,
    totalMs: record.finished?.totalMs ?? null,
    /** Stopped before every test was judged: `verdict` is then `internal-error` and says nothing of the program. */
    stopped: record.finished?.stopped === true,
  };
}

/**
 * Submission history: per room (its participants), per problem (authors see all, others
 * their own), per person (themselves, admins), and one submission with its code.
 * Results carry verdicts and times; hidden tests never carry data.
 */
export function submissionRoutes(database: Database): Router {
  const router = new Router({ prefix: '/api' });
  const { submissions, rooms } = database;

  async function roomFor(ctx: Context, id: string) {
    const room = ROOM_ID_PATTERN.test(id) ? await rooms.findMeta(id) : null;
    return room && roomAccess(room, ctx.state as AuthState) ? room : null;
  }

  router.get('/rooms/:id/submissions', async (ctx) => {
    const room = await roomFor(ctx, ctx.params.id ?? '');
    if (!room) throw createHttpError(404, 'Room not found');
    ctx.body = { items: (await submissions.list({ roomId: room._id }, LIST_LIMIT)).map(summary) };
  });

  router.get('/problems/:slug/submissions', requireUser, async (ctx) => {
    const user = currentUser(ctx) as PublicUser;
    const filter = hasRole(user.role, ['author'])
      ? { problemSlug: ctx.params.slug ?? '' }
      : { problemSlug: ctx.params.slug ?? '', userId: user.id };
    ctx.body = { items: (await submissions.list(filter, LIST_LIMIT)).map(summary) };
  });

  router.get('/users/:id/submissions', requireUser, async (ctx) => {
    const user = currentUser(ctx) as PublicUser;
    const id = ctx.params.id === 'me' ? user.id : (ctx.params.id ?? '');
    if (id !== user.id && user.role !== 'admin')
      throw createHttpError(403, 'Only admins see other people\u2019s submissions');
    ctx.body = { items: (await submissions.list({ userId: id }, LIST_LIMIT)).map(summary) };
  });

  router.get('/submissions/:id', async (ctx) => {
    const record = await submissions.findById(ctx.params.id ?? '');
    const state = ctx.state as AuthState;
    const mayRead =
      record &&
      ((state.user && (record.userId === state.user.id || hasRole(state.user.role, ['author']))) ||
        (await roomFor(ctx, record.roomId)));
    if (!record || !mayRead) throw createHttpError(404, 'Submission not found');
    ctx.body = { ...summary(record), code: record.code, view: toSubmissionView(record) };
  });

  return router;
}
