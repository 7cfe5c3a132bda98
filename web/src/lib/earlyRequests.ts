import { fetchMe, type Me } from '../api/authApi.ts';
import { lookupRoom, type RoomLookup } from '../api/roomApi.ts';
import { parseRoute } from './route.ts';

/**
 * The requests a page cannot show anything without, started as soon as the app's code
 * runs rather than one after another from its first render (who this is, then the room):
 * on a slow link each wait costs a round trip. Each answer is taken once, by the first
 * part that asks; later asks (after signing in, joining…) go to the server as before.
 */
let me: Promise<Me> | undefined;
let room: { roomId: string; invite: string | null; answer: Promise<RoomLookup> } | undefined;

export function startEarlyRequests(pathname: string, search: string): void {
  me = fetchMe();
  // Taken later by the session; until then a failure must not count as unhandled.
  me.catch(() => undefined);
  const route = parseRoute(pathname);
  if (route.page === 'room') {
    const invite = new URLSearchParams(search).get('invite');
    room = { roomId: route.roomId, invite, answer: lookupRoom(route.roomId, invite) };
  }
}

/** The answer of /api/auth/me asked at start, once; undefined afterwards. */
export function takeEarlyMe(): Promise<Me> | undefined {
  const answer = me;
  me = undefined;
  return answer;
}

/** The lookup of this room asked at start, once, if it was this room with this invitation. */
export function takeEarlyRoomLookup(roomId: string, invite: string | null): Promise<RoomLookup> | undefined {
  const early = room;
  room = undefined;
  return early && early.roomId === roomId && early.invite === invite ? early.answer : undefined;
}
