import { hasRole, type PublicUser, ROOM_ID_PATTERN } from '@codestream/shared';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import { type AuthState, currentUser, requireUser } from '../accounts/guards.ts';
import { type SubmissionRecord, toSubmissionView } from './SubmissionRepository.ts';
import type { SubmissionRepositories } from './submissionRepositories.ts';

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
export function submissionRoutes({
  submissions,
  mayEnterRoom,
}: SubmissionRepositories & {
  /** Whether the requester is a participant of the room (rooms decide; ids are checked here). */
  mayEnterRoom(roomId: string, state: AuthState): Promise<boolean>;
}): Router {
  const router = new Router({ prefix: '/api' });
  const inRoom = (roomId: string, state: AuthState) => ROOM_ID_PATTERN.test(roomId) && mayEnterRoom(roomId, state);

  router.get('/rooms/:id/submissions', async (ctx) => {
    const roomId = ctx.params.id ?? '';
    if (!(await inRoom(roomId, ctx.state as AuthState))) throw createHttpError(404, 'Room not found');
    ctx.body = { items: (await submissions.list({ roomId }, LIST_LIMIT)).map(summary) };
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
        (await inRoom(record.roomId, state)));
    if (!record || !mayRead) throw createHttpError(404, 'Submission not found');
    ctx.body = { ...summary(record), code: record.code, view: toSubmissionView(record) };
  });

  return router;
}
