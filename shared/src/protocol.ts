/**
 * Wire protocol of the room socket. The socket carries the standard y-websocket
 * messages (so the stock client works) plus one extra message type whose payload is a
 * JSON app message defined in roomMessages.ts.
 */

/** Bumped on any incompatible change; sent by clients as the `v` query parameter. */
export const PROTOCOL_VERSION = 1;

/** First varUint of every binary frame on the room socket. */
export const MessageType = {
  /** y-protocols sync (step 1, step 2, update). */
  Sync: 0,
  /** y-protocols awareness update. */
  Awareness: 1,
  /** JSON app message (run requests, run events, room state). */
  App: 100,
} as const;

/** Path prefix of the room socket: `${ROOM_SOCKET_PATH}/${roomId}?v=…&name=…`. */
export const ROOM_SOCKET_PATH = '/ws/rooms';

/** Room ids are 20 url-safe characters (120 random bits). */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{20}$/;

/** Names of the shared types inside a room's Y.Doc. */
export const DocKeys = {
  /** Y.Text: the program. */
  code: 'code',
  /** Y.Text: standard input given to Run. */
  stdin: 'stdin',
} as const;
