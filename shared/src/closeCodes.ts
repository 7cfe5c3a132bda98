/** WebSocket close codes used by the room socket. Each maps to a message in the web client. */
export const CloseCode = {
  /** The client speaks another protocol version than the server; reload the page. */
  ProtocolMismatch: 4000,
  /** Not signed in, or not a member of this room (join through an invite link). */
  Forbidden: 4003,
  /** The account was disabled by an administrator. */
  AccountDisabled: 4005,
  /** A host removed this person from the room; their invite no longer lets them in. */
  Removed: 4006,
  /** The room ended and left this person (a guest) no access to its archive. */
  Ended: 4007,
  /** Its owner (or an admin) deleted the room. */
  RoomDeleted: 4008,
  /** A host changed this person's role in the room; the client reconnects and is told the new one. */
  RoleChanged: 4014,
  /** A frame could not be decoded or failed validation. */
  MalformedMessage: 4002,
  /** No room exists with this id. */
  RoomNotFound: 4004,
  /** A frame was larger than the server accepts. */
  MessageTooBig: 4009,
  /** A document update was refused whole (invalid, or past the size limit); the client reloads the room. */
  UpdateRefused: 4022,
  /** The server is shutting down; the client should reconnect later. */
  ServerShutdown: 4011,
  /** The session this socket was opened with ended (signed out, or every session revoked). */
  SignedOut: 4001,
  /** The client did not read what the room sent it, and its send buffer passed the limit. */
  SlowConsumer: 4013,
  /** The client sent more frames or bytes before its room was ready than any client does. */
  Flooding: 4029,
  /** The room already has as many sockets open as the server allows (MAX_SOCKETS_PER_ROOM). */
  RoomFull: 4030,
  /** This person (account or guest session) already has as many room sockets open as allowed (MAX_SOCKETS_PER_PERSON). */
  TooManySockets: 4031,
  /** The server failed while handling this socket. */
  InternalError: 4500,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** What a person should be told when the room socket closes with `code`. */
export function describeCloseCode(code: number): string {
  switch (code) {
    case CloseCode.ProtocolMismatch:
      return 'This page is out of date. Reload to continue.';
    case CloseCode.Forbidden:
      return 'You are not in this room. Sign in, or open the invitation link you were sent.';
    case CloseCode.AccountDisabled:
      return 'Your account has been disabled.';
    case CloseCode.Removed:
      return 'A host removed you from this room.';
    case CloseCode.Ended:
      return 'The interview has ended. Thank you for taking part.';
    case CloseCode.RoomDeleted:
      return 'This room was deleted by its owner.';
    case CloseCode.RoleChanged:
      return 'A host changed your role in this room. Reconnecting…';
    case CloseCode.MalformedMessage:
      return 'The connection sent data the server could not understand.';
    case CloseCode.RoomNotFound:
      return 'This room does not exist. Check the link or create a new room.';
    case CloseCode.MessageTooBig:
      return 'A change was too large to send. Try a smaller edit.';
    case CloseCode.SignedOut:
      return 'You were signed out. Sign in again to rejoin the room.';
    case CloseCode.SlowConsumer:
      return 'The connection fell too far behind the room. Reconnecting…';
    case CloseCode.Flooding:
      return 'The connection sent too much data while joining. Reconnecting…';
    case CloseCode.RoomFull:
      return 'This room is full. Trying again…';
    case CloseCode.TooManySockets:
      return 'You have too many rooms or tabs open. Close some to continue; trying again…';
    case CloseCode.UpdateRefused:
      return 'Your last change could not be saved. The room was reloaded from the server.';
    case CloseCode.ServerShutdown:
      return 'The server is restarting. Reconnecting…';
    case CloseCode.InternalError:
      return 'The server had a problem with this connection. Reconnecting…';
    default:
      return 'Disconnected. Reconnecting…';
  }
}

/** Close codes after which reconnecting cannot help. */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.ProtocolMismatch,
  CloseCode.Forbidden,
  CloseCode.AccountDisabled,
  CloseCode.Removed,
  CloseCode.Ended,
  CloseCode.RoomDeleted,
  CloseCode.SignedOut,
  CloseCode.RoomNotFound,
]);
