import { randomBytes } from 'node:crypto';
import { DEFAULT_INVITE_ROLE, hasRole, LANGUAGES, type PublicUser } from '@codestream/shared';
import {
  createRoomInputSchema,
  joinRoomInputSchema,
  participantChangeSchema,
  roomInviteInputSchema,
} from '@codestream/shared/api';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import { hashToken } from '../accounts/authRoutes.ts';
import { type AuthState, currentUser, requireRole, requireUser } from '../accounts/guards.ts';
import { parseOr400 } from '../http/validation.ts';
import type { RoomProblems } from '../problems/roomProblems.ts';
import { createRoom } from './createRoom.ts';
import { inviteId, participantKey } from './RoomRepository.ts';
import { toRunView } from './RunRepository.ts';
import { givenRole, hasEnded, roomRole, validInvite, wasRemoved } from './roomAccess.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { loadRoom, loadRoomAsHost } from './roomRouteAccess.ts';
import { roomView } from './roomView.ts';

export function roomRoutes(
  database: Pick<RoomRepositories, 'rooms' | 'runs' | 'roomSnapshots'>,
  problems: RoomProblems,
  access: Pick<AccessChanges, 'roomCreated' | 'roomMembersChanged' | 'roomParticipantsChanged'>,
): Router {
  const router = new Router({ prefix: '/api' });
  const { rooms } = database;

  router.get('/languages', (ctx) => {
    ctx.body = LANGUAGES.map(({ id, label, version, editorMode, template }) => ({
      id,
      label,
      version,
      editorMode,
      template,
    }));
  });

  router.post('/rooms', requireRole('host'), async (ctx) => {
    const { language, problemSlug, title } = parseOr400(createRoomInputSchema, ctx.request.body ?? {});
    const user = currentUser(ctx) as PublicUser;
    const problem = problemSlug ? await problems.forUser(problemSlug, user) : null;
    if (problemSlug && !problem) throw createHttpError(404, 'Problem not found');
    const record = await createRoom(database, access, {
      ownerId: user.id,
      language,
      problem,
      ...(title ? { title } : {}),
    });
    ctx.status = 201;
    ctx.body = roomView(record, 'manage');
  });

  router.get('/rooms/:id', async (ctx) => {
    const { room, access } = await loadRoom(rooms, ctx);
    const invite =
      typeof ctx.query.invite === 'string' && room ? validInvite(room, hashToken(ctx.query.invite)) : undefined;
    if (room && !access && hasEnded(room) && givenRole(room, ctx.state as AuthState)) {
      throw createHttpError(410, 'This interview has ended.');
    }
    if (!room || (!access && !invite)) throw createHttpError(404, 'Room not found');
    // Someone holding only an invite sees the room exists, not its problem, until they join.
    const problem = access && room.problemSlug ? await problems.forRoom(room.problemSlug) : null;
    ctx.body = {
      ...roomView(room, access ?? 'invited'),
      role: roomRole(room, ctx.state as AuthState),
      invite: invite ? { allowGuests: invite.allowGuests, role: invite.role ?? DEFAULT_INVITE_ROLE } : null,
      problem,
    };
  });

  router.post('/rooms/:id/invites', requireUser, async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const { allowGuests, expiresInHours, role } = parseOr400(roomInviteInputSchema, ctx.request.body ?? {});
    const user = currentUser(ctx) as PublicUser;
    // A member's own room is for practising with friends who have accounts: guests (who
    // come with no account) and more hosts are for hosts to let in.
    if (!hasRole(user.role, ['host']) && allowGuests) {
      throw createHttpError(403, 'Guests need a host: invite people who have an account, or ask a host.');
    }
    if (!hasRole(user.role, ['host']) && role === 'host') {
      throw createHttpError(403, 'Only hosts can invite more hosts: invite your friend as an editor or a viewer.');
    }
    const token = randomBytes(18).toString('base64url');
    const expiresAt = new Date(Date.now() + expiresInHours * 3_600_000);
    const createdBy = user.id;
    const tokenHash = hashToken(token);
    await rooms.addInvite(room._id, { tokenHash, allowGuests, createdBy, expiresAt, role, createdAt: new Date() });
    ctx.status = 201;
    ctx.body = {
      id: inviteId({ tokenHash }),
      token,
      path: `/r/${room._id}?invite=${token}`,
      allowGuests,
      role,
      expiresAt: expiresAt.toISOString(),
    };
  });

  router.post('/rooms/:id/join', async (ctx) => {
    const { room } = await loadRoom(rooms, ctx);
    const { invite: token, name } = parseOr400(joinRoomInputSchema, ctx.request.body ?? {});
    const invite = room ? validInvite(room, hashToken(token)) : undefined;
    if (!room || !invite) throw createHttpError(404, 'This invitation is not valid (it may have expired).');
    const state = ctx.state as AuthState;
    if (wasRemoved(room, state)) throw createHttpError(403, 'A host removed you from this room.');
    if (!state.user && hasEnded(room) && !room.session?.archiveForGuests) {
      throw createHttpError(403, 'This interview has ended.');
    }
    const role = invite.role ?? DEFAULT_INVITE_ROLE;
    if (state.user) {
      await rooms.addMember(room._id, state.user.id, role, state.user.name);
      access.roomMembersChanged(room._id);
    } else {
      if (!invite.allowGuests) throw createHttpError(401, 'Sign in to join this room.');
      if (!name)
        throw createHttpError(400, 'Tell the room your name.', { details: [{ path: 'name', message: 'Required' }] });
      const guestRooms = new Set(state.guest?.rooms ?? []);
      guestRooms.add(room._id);
      const guestId = state.guest?.id ?? randomBytes(12).toString('base64url');
      await rooms.addGuest(room._id, guestId, role, name, inviteId(invite));
      access.roomMembersChanged(room._id);
      // Regenerated so a session id known before joining cannot ride on the new access.
      await ctx.session?.regenerate();
      if (ctx.session) ctx.session.guest = { id: guestId, name, rooms: [...guestRooms].slice(-20) };
    }
    ctx.body = { id: room._id };
  });

  router.get('/rooms/:id/invites', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const now = Date.now();
    ctx.body = {
      items: room.invites.map((invite) => ({
        id: inviteId(invite),
        role: invite.role ?? DEFAULT_INVITE_ROLE,
        allowGuests: invite.allowGuests,
        createdAt: invite.createdAt?.toISOString() ?? null,
        expiresAt: invite.expiresAt.toISOString(),
        expired: invite.expiresAt.getTime() <= now,
        revoked: room.revokedInvites?.includes(inviteId(invite)) ?? false,
      })),
    };
  });

  router.delete('/rooms/:id/invites/:invite', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const id = ctx.params.invite ?? '';
    if (!room.invites.some((invite) => inviteId(invite) === id)) throw createHttpError(404, 'No such invite');
    await rooms.revokeInvite(room._id, id);
    // The guests it let in are out at once.
    access.roomParticipantsChanged(room._id);
    ctx.status = 204;
  });

  router.get('/rooms/:id/participants', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    ctx.body = {
      items: (room.participants ?? []).map((p) => ({
        id: participantKey(p),
        kind: p.userId ? 'account' : 'guest',
        name: p.name ?? '',
        role: p.role,
        joinedAt: p.joinedAt.toISOString(),
        removed: Boolean(p.removedAt),
      })),
    };
  });

  router.patch('/rooms/:id/participants/:participant', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const { role } = parseOr400(participantChangeSchema, ctx.request.body ?? {});
    if (!(await rooms.setParticipantRole(room._id, ctx.params.participant ?? '', role))) {
      throw createHttpError(404, 'No such participant in this room');
    }
    access.roomParticipantsChanged(room._id);
    ctx.status = 204;
  });

  router.delete('/rooms/:id/participants/:participant', async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    if (!(await rooms.removeParticipant(room._id, ctx.params.participant ?? ''))) {
      throw createHttpError(404, 'No such participant in this room');
    }
    access.roomParticipantsChanged(room._id);
    ctx.status = 204;
  });

  router.get('/rooms/:id/runs', requireUser, async (ctx) => {
    const room = await loadRoomAsHost(rooms, ctx);
    const runs = await database.runs.listByRoom(room._id, 50);
    ctx.body = { items: runs.map((run) => ({ ...toRunView(run), code: run.code, stdin: run.stdin })) };
  });

  return router;
}
