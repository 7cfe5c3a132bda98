import { EMPTY_SCORECARD } from '@codestream/shared';
import Router from '@koa/router';
import createHttpError from 'http-errors';
import type { SubmissionRepositories } from '../submissions/submissionRepositories.ts';
import { toChatMessage } from './ChatRepository.ts';
import type { RoomContent } from './roomContent.ts';
import type { RoomRepositories } from './roomRepositories.ts';
import { loadRoomAsParticipant } from './roomRouteAccess.ts';
import { sessionArchive, solutionFileName } from './sessionArchive.ts';

/** Most runs and submissions an archive lists (newest first). */
const ARCHIVE_MAX_JOBS = 1_000;
/** Most chat messages an archive holds (the first ones). */
const ARCHIVE_MAX_CHAT = 10_000;

export interface ExportRoutesOptions {
  database: Pick<RoomRepositories, 'rooms' | 'runs' | 'scorecards' | 'roomChat'> & SubmissionRepositories;
  /** The room's code, input and language now (null: no such room). */
  content(roomId: string): Promise<RoomContent | null>;
  /** The room's private notes now. */
  notes(roomId: string): Promise<string>;
}

/**
 * Downloads for anyone in a room (404 to everyone else): its current code as a source
 * file, and its session as a zip, with the notes and scorecard only in a host's.
 */
export function exportRoutes({ database, content, notes }: ExportRoutesOptions): Router {
  const router = new Router({ prefix: '/api' });

  async function current(roomId: string): Promise<RoomContent> {
    const found = await content(roomId);
    if (!found) throw createHttpError(404, 'Room not found');
    return found;
  }

  router.get('/rooms/:id/code', async (ctx) => {
    const { room } = await loadRoomAsParticipant(database.rooms, ctx);
    const code = await current(room._id);
    ctx.set('content-disposition', `attachment; filename="${solutionFileName(code)}"`);
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = code.code;
  });

  router.get('/rooms/:id/export', async (ctx) => {
    const { room, role } = await loadRoomAsParticipant(database.rooms, ctx);
    const [code, runs, submissions, chat, hostsOnly] = await Promise.all([
      current(room._id),
      database.runs.listByRoom(room._id, ARCHIVE_MAX_JOBS),
      database.submissions.list({ roomId: room._id }, ARCHIVE_MAX_JOBS),
      database.roomChat.list(room._id, ARCHIVE_MAX_CHAT),
      role === 'host' ? Promise.all([notes(room._id), database.scorecards.find(room._id)]) : Promise.resolve(null),
    ]);
    const archive = sessionArchive({
      content: code,
      runs,
      submissions,
      chat: chat.map(toChatMessage),
      private: hostsOnly ? { notes: hostsOnly[0], scorecard: hostsOnly[1] ?? EMPTY_SCORECARD } : undefined,
    });
    ctx.set('content-disposition', `attachment; filename="codestream-${room._id}.zip"`);
    ctx.type = 'application/zip';
    ctx.body = Buffer.from(archive);
  });

  return router;
}
