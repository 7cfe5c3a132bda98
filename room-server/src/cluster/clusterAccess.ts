import { type ClassInfo, classInfoSchema, roomControlsSchema, roomSessionSchema } from '@codestream/shared';
import { z } from 'zod';
import type { AccessChanges } from '../accounts/AccessChanges.ts';
import type { Logger } from '../log/logger.ts';
import { type ClusterBus, channels, type Unsubscribe } from './ClusterBus.ts';

/**
 * What one server does when access changes, whichever server the change was made on:
 * AccessChanges (forget caches, close or re-check sockets, hand settings to loaded rooms)
 * plus the changes that arrive elsewhere on one server only.
 */
export interface AccessEffects extends AccessChanges {
  /** Another server wrote or destroyed a session: what the sockets' cache holds of it is stale. */
  forgetSession(sessionKey: string): void;
  /** A class's message, timer or title changed: its loaded rooms show the new one. */
  classChanged(classInfo: ClassInfo): void;
  /** A room was deleted: its sockets close, its loaded copy is stored and unloaded. */
  roomDeleted(roomId: string): Promise<void>;
  /**
   * Changes made on other servers may have been missed (this server lost Redis for a
   * while): every cache is forgotten, loaded rooms and sockets are checked against the database.
   */
  catchUp(): Promise<void>;
}

const id = z.string().min(1).max(200);
/**
 * What crosses the access channel. Session keys travel as they are: Redis sits beside the
 * database, which keeps them the same way, inside the deployment's trust boundary.
 */
const accessMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session-ended'), payload: z.object({ sessionKey: id }) }),
  z.object({ type: z.literal('session-written'), payload: z.object({ sessionKey: id }) }),
  z.object({ type: z.literal('sessions-revoked'), payload: z.object({ userId: id }) }),
  z.object({ type: z.literal('user-disabled'), payload: z.object({ userId: id }) }),
  z.object({ type: z.literal('user-changed'), payload: z.object({ userId: id }) }),
  z.object({ type: z.literal('room-members-changed'), payload: z.object({ roomId: id }) }),
  z.object({ type: z.literal('room-participants-changed'), payload: z.object({ roomId: id }) }),
  z.object({
    type: z.literal('room-settings-changed'),
    payload: z.object({ roomId: id, controls: roomControlsSchema, session: roomSessionSchema }),
  }),
  z.object({ type: z.literal('room-deleted'), payload: z.object({ roomId: id }) }),
  z.object({ type: z.literal('class-changed'), payload: z.object({ classInfo: classInfoSchema }) }),
]);
type AccessMessage = z.infer<typeof accessMessageSchema>;

/** Access changes made on this server, taking effect here and on every other server. */
export interface ClusterAccessChanges extends Omit<AccessEffects, 'forgetSession' | 'catchUp'> {
  /** This server's session store wrote or destroyed a session (it keeps its own cache current). */
  sessionWritten(sessionKey: string): void;
}

export interface ClusterAccess {
  readonly changes: ClusterAccessChanges;
  /** Starts hearing the other servers' changes (once what `local` uses exists). */
  listen(): Promise<void>;
  /** Stops hearing them. */
  close(): Promise<void>;
}

/**
 * Every access change made on this server takes effect here and is published; every one
 * published by another server takes effect here when it arrives. So revoking a person's
 * sessions on one server closes their sockets on all of them.
 */
export function clusterAccess(bus: ClusterBus, local: AccessEffects, log: Logger): ClusterAccess {
  const publish = (message: AccessMessage) => bus.publish(channels.access, message);
  let unsubscribe: Unsubscribe | undefined;
  let stopCatchingUp: (() => void) | undefined;
  return {
    async listen() {
      stopCatchingUp ??= bus.onReconnected(() => {
        local.catchUp().catch((err) => log.error({ err }, 'catching up on missed access changes failed'));
      });
      unsubscribe ??= await bus.subscribe(channels.access, accessMessageSchema, (message) =>
        apply(local, message, log),
      );
    },
    close: async () => {
      stopCatchingUp?.();
      await unsubscribe?.();
    },
    changes: {
      sessionEnded(sessionKey) {
        local.sessionEnded(sessionKey);
        publish({ type: 'session-ended', payload: { sessionKey } });
      },
      sessionWritten(sessionKey) {
        publish({ type: 'session-written', payload: { sessionKey } });
      },
      sessionsRevoked(userId) {
        local.sessionsRevoked(userId);
        publish({ type: 'sessions-revoked', payload: { userId } });
      },
      userDisabled(userId) {
        local.userDisabled(userId);
        publish({ type: 'user-disabled', payload: { userId } });
      },
      userChanged(userId) {
        local.userChanged(userId);
        publish({ type: 'user-changed', payload: { userId } });
      },
      // Other servers never keep a room they have not read (unknown ids are not cached).
      roomCreated: (room) => local.roomCreated(room),
      roomMembersChanged(roomId) {
        local.roomMembersChanged(roomId);
        publish({ type: 'room-members-changed', payload: { roomId } });
      },
      roomParticipantsChanged(roomId) {
        local.roomParticipantsChanged(roomId);
        publish({ type: 'room-participants-changed', payload: { roomId } });
      },
      roomSettingsChanged(roomId, controls, session) {
        local.roomSettingsChanged(roomId, controls, session);
        publish({ type: 'room-settings-changed', payload: { roomId, controls, session } });
      },
      classChanged(classInfo) {
        local.classChanged(classInfo);
        publish({ type: 'class-changed', payload: { classInfo } });
      },
      roomDeleted(roomId) {
        publish({ type: 'room-deleted', payload: { roomId } });
        return local.roomDeleted(roomId);
      },
    },
  };
}

/** Another server's change, taking effect here. */
function apply(local: AccessEffects, message: AccessMessage, log: Logger): void {
  switch (message.type) {
    case 'session-ended':
      // Forgotten first: the session's sockets reconnect at once, and must read it again.
      local.forgetSession(message.payload.sessionKey);
      local.sessionEnded(message.payload.sessionKey);
      break;
    case 'session-written':
      local.forgetSession(message.payload.sessionKey);
      break;
    case 'sessions-revoked':
      local.sessionsRevoked(message.payload.userId);
      break;
    case 'user-disabled':
      local.userDisabled(message.payload.userId);
      break;
    case 'user-changed':
      local.userChanged(message.payload.userId);
      break;
    case 'room-members-changed':
      local.roomMembersChanged(message.payload.roomId);
      break;
    case 'room-participants-changed':
      local.roomParticipantsChanged(message.payload.roomId);
      break;
    case 'room-settings-changed': {
      const { roomId, controls, session } = message.payload;
      local.roomSettingsChanged(roomId, controls, session);
      break;
    }
    case 'room-deleted':
      local.roomDeleted(message.payload.roomId).catch((err) => {
        log.error({ err, roomId: message.payload.roomId }, 'closing a room deleted on another server failed');
      });
      break;
    case 'class-changed':
      local.classChanged(message.payload.classInfo);
      break;
    default:
      message satisfies never;
  }
}
