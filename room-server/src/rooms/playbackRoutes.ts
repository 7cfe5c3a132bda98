import { playbackMomentQuerySchema } from '@codestream/shared/api';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { Context } from 'koa';
import type { UserRepository } from '../accounts/UserRepository.ts';
import { parseOr400 } from '../http/validation.ts';
import type { SubmissionRepositories } from '../submissions/submissionRepositories.ts';
import { toChatMessage } from './ChatRepository.ts';
import { notesLogKey } from './NotesDoc.ts';
import { authorKey, extendFromLog, loadPlaybackIndex } from './playback/loadPlaybackIndex.ts';
import { NotesHistory } from './playback/NotesHistory.ts';
import { PlaybackCache } from './playback/PlaybackCache.ts';
import type { PlaybackIndex } from './playback/PlaybackIndex.ts';
import { accountIds, playbackTimeline } from './playback/playbackTimeline.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { loadRoomAsParticipant } from './roomRouteAccess.ts';

/** Rooms whose playback index is kept in memory (a 20,000-update session: a few MiB). */
const CACHED_ROOMS = 4;
/** The runs and submissions a timeline shows: the latest ones. */
const TIMELINE_JOBS = 200;
/** The chat messages a timeline shows: the first ones. */
const TIMELINE_CHAT = 5_000;

export type PlaybackDatabase = Pick<
  RoomRepositories,
  'rooms' | 'roomUpdates' | 'roomSnapshots' | 'roomEvents' | 'runs' | 'roomChat'
> &
  Pick<SubmissionRepositories, 'submissions'> & { users: Pick<UserRepository, 'findById'> };

/**
 * A room's playback: its whole session as one timeline (edits, runs, submissions, joins,
 * leaves and chat) and the code at any moment of it. For its hosts, and for everyone in the
 * room when its hosts allow it (`controls.playbackForAll`); 404 to anyone else, as for
 * every room route, so ids cannot be probed.
 */
export function playbackRoutes(database: PlaybackDatabase): Router {
  const router = new Router({ prefix: '/api/rooms/:id/playback' });
  const cache = new PlaybackCache<PlaybackIndex>({
    maxRooms: CACHED_ROOMS,
    build: async (roomId) => {
      const record = await database.rooms.find(roomId);
      if (!record) throw createHttpError(404, 'Room not found');
      return loadPlaybackIndex(database, record);
    },
    extend: (roomId, index) => extendFromLog(database, roomId, index),
  });
  const notesCache = new PlaybackCache<NotesHistory>({
    maxRooms: CACHED_ROOMS,
    build: async (roomId) => {
      const history = new NotesHistory();
      await extendNotes(roomId, history);
      return history;
    },
    extend: extendNotes,
  });

  async function extendNotes(roomId: string, history: NotesHistory): Promise<void> {
    const updates = await database.roomUpdates.after(notesLogKey(roomId), history.lastSeq);
    history.extend(updates.map(({ seq, at, update }) => ({ seq, at: at.getTime(), update })));
  }

  async function watchableRoom(ctx: Context) {
    const found = await loadRoomAsParticipant(database.rooms, ctx);
    if (found.role !== 'host' && !found.room.controls?.playbackForAll) throw createHttpError(404, 'Room not found');
    return found;
  }

  router.get('/', async (ctx) => {
    const { room } = await watchableRoom(ctx);
    const [index, runs, submissions, events, chat] = await Promise.all([
      cache.index(room._id),
      database.runs.listByRoom(room._id, TIMELINE_JOBS),
      database.submissions.list({ roomId: room._id }, TIMELINE_JOBS),
      database.roomEvents.list(room._id),
      database.roomChat.list(room._id, TIMELINE_CHAT),
    ]);
    const keys = [...index.updates.map((entry) => entry.author), ...events.map((event) => authorKey(event.who))];
    const userNames = new Map<string, string>();
    for (const id of accountIds(keys)) {
      const user = await database.users.findById(id);
      if (user) userNames.set(id, user.name);
    }
    ctx.body = playbackTimeline({
      room,
      index,
      runs: runs.reverse(),
      submissions: submissions.reverse(),
      events,
      chat: chat.map(toChatMessage),
      userNames,
    });
  });

  router.get('/moment', async (ctx) => {
    const { room, role } = await watchableRoom(ctx);
    const { seq } = parseOr400(playbackMomentQuerySchema, ctx.query);
    const moment = (await cache.index(room._id)).moment(seq);
    // The hosts' private notes as they were then: only ever in hosts' playback.
    ctx.body = role === 'host' ? { ...moment, notes: (await notesCache.index(room._id)).textAt(moment.at) } : moment;
  });

  return router;
}
