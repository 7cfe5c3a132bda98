import { randomBytes } from 'node:crypto';
import { DEFAULT_LANGUAGE, LANGUAGE_IDS, LANGUAGES, ROOM_ID_PATTERN } from '@codestream/shared';
import Router from '@koa/router';
import { z } from 'zod';
import type { RoomRepository } from '../db/RoomRepository.ts';
import { seedDoc } from '../rooms/seedDoc.ts';

const createRoomSchema = z.object({ language: z.enum(LANGUAGE_IDS).default(DEFAULT_LANGUAGE) }).strict();

/** 15 random bytes → 20 url-safe characters: the room link is the capability to join. */
export function newRoomId(): string {
  return randomBytes(15).toString('base64url');
}

export function roomRoutes(rooms: RoomRepository): Router {
  const router = new Router({ prefix: '/api' });

  router.get('/languages', (ctx) => {
    ctx.body = LANGUAGES.map(({ id, label, version, editorMode }) => ({ id, label, version, editorMode }));
  });

  router.post('/rooms', async (ctx) => {
    const parsed = createRoomSchema.safeParse(ctx.request.body ?? {});
    if (!parsed.success) {
      ctx.throw(400, 'Invalid room settings', {
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
      return;
    }
    const { language } = parsed.data;
    const record = await rooms.create({ _id: newRoomId(), language, doc: seedDoc(language) });
    ctx.status = 201;
    ctx.body = { id: record._id, language: record.language, createdAt: record.createdAt.toISOString() };
  });

  router.get('/rooms/:id', async (ctx) => {
    const id = ctx.params.id ?? '';
    const record = ROOM_ID_PATTERN.test(id) ? await rooms.findMeta(id) : null;
    if (!record) {
      ctx.throw(404, 'Room not found');
      return;
    }
    ctx.body = { id: record._id, language: record.language, createdAt: record.createdAt.toISOString() };
  });

  return router;
}
