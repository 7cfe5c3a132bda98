import type { RoomControls, RoomRole, RoomSession } from '@codestream/shared';

/** Who a room let in, as access needs it. */
export interface RoomParticipantFacts {
  userId: string | null;
  guestId: string | null;
  role: RoomRole;
  joinedAt: Date;
}

/**
 * What the HTTP side tells the room sockets when someone's access changes, so that
 * nothing a person lost stays open in a socket that was allowed earlier.
 */
export interface AccessChanges {
  /** One session ended (signed out): the sockets opened with it close. */
  sessionEnded(sessionKey: string): void;
  /** Every session of a person ended (signed out everywhere, revoked by an admin). */
  sessionsRevoked(userId: string): void;
  /** An admin disabled the account. */
  userDisabled(userId: string): void;
  /** A person's role changed: their open sockets are checked again against it. */
  userChanged(userId: string): void;
  /** A room was made: who may enter it is known without reading it back. */
  roomCreated(room: {
    _id: string;
    ownerId: string;
    hostIds?: string[];
    members: string[];
    participants?: RoomParticipantFacts[];
    invites: { tokenHash: string; allowGuests: boolean; createdBy: string; expiresAt: Date }[];
  }): void;
  /**
   * A host changed someone's role in a room or removed them: that room's sockets are
   * checked again (a removed person's close, a changed role reconnects with the new one).
   */
  roomParticipantsChanged(roomId: string): void;
  /**
   * A host stored new controls, title, timer or end of a room: the loaded room takes them
   * and its sockets are checked again (a lock or the end makes editors viewers).
   */
  roomSettingsChanged(roomId: string, controls: RoomControls, session: RoomSession): void;
  /** Someone became a member of a room: what the sockets know of who may enter it is stale. */
  roomMembersChanged(roomId: string): void;
}
