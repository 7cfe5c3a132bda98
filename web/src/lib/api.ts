import { LANGUAGE_IDS, type LanguageId } from '@codestream/shared';
import { z } from 'zod';

const roomInfoSchema = z.object({
  id: z.string(),
  language: z.enum(LANGUAGE_IDS),
  createdAt: z.union([z.string(), z.number()]),
});
export type RoomInfo = z.infer<typeof roomInfoSchema>;

const errorBodySchema = z.object({ error: z.object({ message: z.string() }) });

export type RoomLookup =
  | { kind: 'found'; room: RoomInfo }
  | { kind: 'not-found' }
  /** The server could not be asked (offline, 5xx): the socket will tell more. */
  | { kind: 'unknown'; message: string };

type Fetch = typeof fetch;

async function errorMessage(res: Response): Promise<string> {
  try {
    const parsed = errorBodySchema.safeParse(await res.json());
    if (parsed.success) return parsed.data.error.message;
  } catch {
    // Not JSON (a proxy error page, for instance): fall back to the status line.
  }
  return `The server answered ${res.status} ${res.statusText}`.trim();
}

export async function createRoom(language: LanguageId, fetchImpl: Fetch = fetch): Promise<RoomInfo> {
  let res: Response;
  try {
    res = await fetchImpl('/api/rooms', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ language }),
    });
  } catch {
    throw new Error('The server cannot be reached. Check your connection and try again.');
  }
  if (!res.ok) throw new Error(await errorMessage(res));
  const parsed = roomInfoSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error('The server sent an unexpected answer.');
  return parsed.data;
}

export async function lookupRoom(roomId: string, fetchImpl: Fetch = fetch): Promise<RoomLookup> {
  let res: Response;
  try {
    res = await fetchImpl(`/api/rooms/${encodeURIComponent(roomId)}`, { headers: { accept: 'application/json' } });
  } catch {
    return { kind: 'unknown', message: 'The server cannot be reached.' };
  }
  if (res.status === 404) return { kind: 'not-found' };
  if (!res.ok) return { kind: 'unknown', message: await errorMessage(res) };
  try {
    const parsed = roomInfoSchema.safeParse(await res.json());
    if (parsed.success) return { kind: 'found', room: parsed.data };
  } catch {
    // Falls through: an unreadable body is reported like any unexpected answer.
  }
  return { kind: 'unknown', message: 'The server sent an unexpected answer.' };
}
