import { randomBytes } from 'node:crypto';
import { type ClassInfo, DEFAULT_ROOM_CONTROLS, DEFAULT_ROOM_SESSION, type PublicUser } from '@codestream/shared';
import {
  changeClassInputSchema,
  classMessageInputSchema,
  classTimerInputSchema,
  createClassInputSchema,
  joinClassInputSchema,
} from '@codestream/shared/api';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { Context } from 'koa';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import type { AccountRepositories } from '../accounts/accountRepositories.ts';
import { hashToken } from '../accounts/authRoutes.ts';
import { currentUser, requireRole, requireUser } from '../accounts/guards.ts';
import { parseOr400 } from '../http/validation.ts';
import type { RoomProblems } from '../problems/roomProblems.ts';
import type { RoomRepositories } from '../rooms/roomRepositories.ts';
import { type ClassChange, type ClassRecord, instructorsOf, isStudent } from './ClassRepository.ts';
import type { ClassRepositories } from './classRepositories.ts';
import { classRoomView, openClassRoom, syncClassRoomStudents } from './classRooms.ts';
import { classInfoOf } from './classViews.ts';

export interface ClassRoutesOptions {
  database: ClassRepositories & Pick<AccountRepositories, 'users'> & Pick<RoomRepositories, 'rooms' | 'roomSnapshots'>;
  problems: RoomProblems;
  access: Pick<AccessChanges, 'roomCreated' | 'roomParticipantsChanged' | 'roomSettingsChanged'>;
  /** The class's message, timer or title changed: its loaded rooms are told. */
  classChanged(classInfo: ClassInfo): void;
}

type ClassRole = 'instructor' | 'student';

export function classRoutes({ database, problems, access, classChanged }: ClassRoutesOptions): Router {
  const router = new Router({ prefix: '/api/classes' });
  const { classes, users, rooms } = database;

  /** The class of `ctx.params.id` and the requester's role in it; 404 to anyone else. */
  async function loadClass(ctx: Context): Promise<{ record: ClassRecord; role: ClassRole; user: PublicUser }> {
    const user = currentUser(ctx) as PublicUser;
    const record = await classes.find(ctx.params.id ?? '');
    const role: ClassRole | null = !record
      ? null
      : user.role === 'admin' || instructorsOf(record).includes(user.id)
        ? 'instructor'
        : isStudent(record, user.id)
          ? 'student'
          : null;
    if (!record || !role) throw createHttpError(404, 'Class not found');
    return { record, role, user };
  }

  async function loadAsInstructor(ctx: Context) {
    const loaded = await loadClass(ctx);
    if (loaded.role !== 'instructor') throw createHttpError(403, 'Only the class’s instructors can do this');
    return loaded;
  }

  /** Account ids of `refs` (ids or emails); a 400 naming those that match no account. */
  async function resolveAccounts(refs: string[], field: string): Promise<string[]> {
    const found = await Promise.all(
      refs.map(async (ref) => (ref.includes('@') ? users.findByEmail(ref) : users.findById(ref))),
    );
    const unknown = refs.filter((_, i) => !found[i]);
    if (unknown.length > 0) {
      throw createHttpError(400, `No account matches ${unknown.join(', ')}`, {
        details: [{ path: field, message: `Unknown: ${unknown.join(', ')}` }],
      });
    }
    return [...new Set(found.map((user) => user?._id as string))];
  }

  async function checkProblems(slugs: string[], user: PublicUser): Promise<string[]> {
    const found = await Promise.all(slugs.map((slug) => problems.forUser(slug, user)));
    const unknown = slugs.filter((_, i) => !found[i]);
    if (unknown.length > 0) {
      throw createHttpError(400, `No problem ${unknown.join(', ')}`, {
        details: [{ path: 'problemSlugs', message: `Unknown: ${unknown.join(', ')}` }],
      });
    }
    return [...new Set(slugs)];
  }

  async function people(ids: string[]) {
    const found = await Promise.all(ids.map((id) => users.findById(id)));
    return ids.map((id, i) => ({ id, name: found[i]?.name ?? '', email: found[i]?.email ?? '' }));
  }

  async function problemList(slugs: string[]) {
    const found = await Promise.all(slugs.map((slug) => problems.forRoom(slug)));
    return slugs.map((slug, i) => ({ slug, title: found[i]?.title ?? slug }));
  }

  async function classView(record: ClassRecord, role: ClassRole, user: PublicUser) {
    const classRooms = (await rooms.listByClass(record._id)).flatMap((room) => classRoomView(room) ?? []);
    const common = {
      ...classInfoOf(record),
      id: record._id,
      role,
      now: Date.now(),
      problems: await problemList(record.problemSlugs),
    };
    if (role === 'student') return { ...common, rooms: classRooms.filter((room) => room.studentId === user.id) };
    const students = record.roster
      ? (await people(record.roster)).map(({ id, name }) => ({ id, name }))
      : record.students.map((s) => ({ id: s.userId, name: s.name }));
    return {
      ...common,
      ownerId: record.ownerId,
      instructors: await people(instructorsOf(record)),
      roster: record.roster ? await people(record.roster) : null,
      students,
      hasJoinLink: record.joinTokenHash !== null,
      observersVisible: record.observersVisible,
      rooms: classRooms,
    };
  }

  /** Stores `change` and tells the class's rooms what they show of it. */
  async function store(record: ClassRecord, change: ClassChange): Promise<ClassRecord> {
    const stored = await classes.update(record._id, change);
    if (!stored) throw createHttpError(404, 'Class not found');
    classChanged(classInfoOf(stored));
    return stored;
  }

  router.post('/', requireRole('host'), async (ctx) => {
    const input = parseOr400(createClassInputSchema, ctx.request.body ?? {});
    const user = currentUser(ctx) as PublicUser;
    const problemSlugs = await checkProblems(input.problemSlugs, user);
    const instructorIds = (await resolveAccounts(input.instructors ?? [], 'instructors')).filter(
      (id) => id !== user.id,
    );
    const roster = input.roster ? await resolveAccounts(input.roster, 'roster') : null;
    const record = await classes.create({
      title: input.title,
      ownerId: user.id,
      instructorIds,
      problemSlugs,
      roster,
      observersVisible: input.observersVisible ?? true,
    });
    ctx.status = 201;
    ctx.body = await classView(record, 'instructor', user);
  });

  router.get('/', requireUser, async (ctx) => {
    const user = currentUser(ctx) as PublicUser;
    const list = await classes.listFor(user.id, 200);
    ctx.body = {
      items: list.map((record) => ({
        id: record._id,
        title: record.title,
        role: instructorsOf(record).includes(user.id) ? 'instructor' : 'student',
        problemCount: record.problemSlugs.length,
        createdAt: record.createdAt.toISOString(),
      })),
    };
  });

  // Before /:id routes: "join" is not a class id.
  router.post('/join', requireUser, async (ctx) => {
    const { token } = parseOr400(joinClassInputSchema, ctx.request.body ?? {});
    const user = currentUser(ctx) as PublicUser;
    const record = await classes.findByJoinTokenHash(hashToken(token));
    if (!record) throw createHttpError(404, 'This class link is not valid (an instructor may have replaced it).');
    if (!instructorsOf(record).includes(user.id)) {
      if (record.roster && !record.roster.includes(user.id)) {
        throw createHttpError(403, 'This class admits only the accounts on its roster.');
      }
      if (!record.roster) await classes.addStudent(record._id, { userId: user.id, name: user.name });
    }
    ctx.body = { id: record._id, title: record.title };
  });

  router.get('/:id', requireUser, async (ctx) => {
    const { record, role, user } = await loadClass(ctx);
    ctx.body = await classView(record, role, user);
  });

  router.patch('/:id', requireUser, async (ctx) => {
    const { record, user } = await loadAsInstructor(ctx);
    const input = parseOr400(changeClassInputSchema, ctx.request.body ?? {});
    const change: ClassChange = {};
    if (input.title !== undefined) change.title = input.title;
    if (input.observersVisible !== undefined) change.observersVisible = input.observersVisible;
    if (input.problemSlugs) change.problemSlugs = await checkProblems(input.problemSlugs, user);
    if (input.roster !== undefined) change.roster = input.roster && (await resolveAccounts(input.roster, 'roster'));
    if (input.instructors) {
      const ids = await resolveAccounts(input.instructors, 'instructors');
      change.instructorIds = ids.filter((id) => id !== record.ownerId);
    }
    const stored = await store(record, change);
    if (change.instructorIds) {
      // Every room of the class has the instructors as hosts: the ones added are hosts of
      // the rooms made before, the ones removed are no longer (their sockets are re-checked).
      await rooms.setClassHosts(record._id, instructorsOf(stored));
      for (const room of await rooms.listByClass(record._id)) access.roomParticipantsChanged(room._id);
    }
    if (change.observersVisible !== undefined && change.observersVisible !== record.observersVisible) {
      // The class decides for its rooms; each loaded room tells everyone and re-checks its sockets.
      await rooms.setClassObserversVisible(record._id, change.observersVisible);
      for (const room of await rooms.listByClass(record._id)) {
        access.roomSettingsChanged(
          room._id,
          { ...DEFAULT_ROOM_CONTROLS, ...room.controls },
          { ...DEFAULT_ROOM_SESSION, ...room.session },
        );
      }
    }
    if (change.roster !== undefined) {
      // A student taken off the roster is out of their rooms at once; put back, they are in again.
      for (const roomId of await syncClassRoomStudents(rooms, stored)) access.roomParticipantsChanged(roomId);
    }
    ctx.body = await classView(stored, 'instructor', user);
  });

  router.post('/:id/join-link', requireUser, async (ctx) => {
    const { record } = await loadAsInstructor(ctx);
    const token = randomBytes(18).toString('base64url');
    // The hash replaces the previous one: the old link lets no one in any more. The rooms
    // show nothing of it, so they are not told.
    await classes.update(record._id, { joinTokenHash: hashToken(token) });
    ctx.status = 201;
    ctx.body = { token, path: `/classes/join/${token}` };
  });

  router.post('/:id/problems/:slug/room', requireUser, async (ctx) => {
    const { record, role, user } = await loadClass(ctx);
    if (role !== 'student') {
      throw createHttpError(403, 'Instructors open their students’ rooms from the class page.');
    }
    const slug = ctx.params.slug ?? '';
    const problem = record.problemSlugs.includes(slug) ? await problems.forRoom(slug) : null;
    if (!problem) throw createHttpError(404, 'This problem is not part of the class');
    const { roomId, created } = await openClassRoom(
      database,
      access,
      record,
      { userId: user.id, name: user.name },
      problem,
    );
    ctx.status = created ? 201 : 200;
    ctx.body = { id: roomId };
  });

  router.post('/:id/message', requireUser, async (ctx) => {
    const { record, user } = await loadAsInstructor(ctx);
    const { text } = parseOr400(classMessageInputSchema, ctx.request.body ?? {});
    const stored = await store(record, { message: text ? { text, at: new Date(), by: user.name } : null });
    ctx.body = classInfoOf(stored);
  });

  router.patch('/:id/timer', requireUser, async (ctx) => {
    const { record } = await loadAsInstructor(ctx);
    const { durationMinutes, running } = parseOr400(classTimerInputSchema, ctx.request.body ?? {});
    // A running timer keeps counting from when it started (its length may change); stopping resets it.
    const startedAt = running ? (record.timer?.startedAt ?? new Date()) : null;
    const stored = await store(record, { timer: { durationMinutes, startedAt } });
    ctx.body = classInfoOf(stored);
  });

  return router;
}
