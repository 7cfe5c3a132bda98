import { fetchMe, type Me } from '../api/authApi.ts';
import { lookupRoom, type RoomLookup } from '../api/roomApi.ts';
import { loadJoinRoom } from '../room/loadJoinRoom.ts';
import { loadRoomView } from '../room/loadRoomView.ts';
import { openEarlyRoomSocket, requestedAs } from './earlyRoomSocket.ts';
import { parseRoute } from './route.ts';
import { pageWsOrigin } from './wsOrigin.ts';

/**
 * The requests a page cannot show anything without, started as soon as the app's code
 * runs rather than one after another from its first render (who this is, then the room):
 * on a slow link each wait costs a round trip. Each answer is taken once, by the first
 * part that asks; later asks (after signing in, joining…) go to the server as before.
 */
let me: Promise<Me> | undefined;
let room: { roomId: string; invite: string | null; answer: Promise<RoomLookup> } | undefined;

export function startEarlyRequests(location: Pick<Location, 'pathname' | 'search' | 'protocol' | 'host'>): void {
  me = fetchMe();
  // Taken later by the session; until then a failure must not count as unhandled.
  me.catch(() => undefined);
  const route = parseRoute(location.pathname);
  if (route.page === 'room') {
    const query = new URLSearchParams(location.search);
    const invite = query.get('invite');
    room = { roomId: route.roomId, invite, answer: lookupRoom(route.roomId, invite) };
    // An invitation not yet accepted cannot enter: no socket before joining, but its form.
    if (invite === null) openEarlyRoomSocket(pageWsOrigin(location), route.roomId, requestedAs(query.get('as')));
    else loadJoinRoom().catch(() => undefined);
    // Taken by the room's page, which shows a failure.
    loadRoomView().catch(() => undefined);
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
