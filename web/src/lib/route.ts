import { ROOM_ID_PATTERN } from '@codestream/shared';

/** What the single-page app shows for a path. */
export type Route =
  | { page: 'home' }
  | { page: 'room'; roomId: string }
  /** `/r/<something that cannot be a room id>`: answered without asking the server. */
  | { page: 'room-not-found' }
  | { page: 'not-found' };

export function parseRoute(pathname: string): Route {
  // A trailing slash is tolerated: people paste links by hand.
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '' || path === '/') return { page: 'home' };
  const room = /^\/r\/([^/]+)$/.exec(path);
  if (room) {
    const roomId = decodeURIComponent(room[1] ?? '');
    return ROOM_ID_PATTERN.test(roomId) ? { page: 'room', roomId } : { page: 'room-not-found' };
  }
  return { page: 'not-found' };
}

export function roomPath(roomId: string): string {
  return `/r/${encodeURIComponent(roomId)}`;
}
