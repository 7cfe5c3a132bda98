import { type ClassInfo, CloseCode } from '@codestream/shared';
import type { Auth } from './accounts/createAuth.ts';
import type { AccessEffects } from './cluster/clusterAccess.ts';
import type { DashboardSocketServer } from './rooms/DashboardSocketServer.ts';
import type { NotesRegistry } from './rooms/NotesRegistry.ts';
import type { RoomAccessCache } from './rooms/RoomAccessCache.ts';
import type { RoomRegistry } from './rooms/RoomRegistry.ts';
import type { RoomSocketServer } from './rooms/RoomSocketServer.ts';

export interface AccessEffectsParts {
  auth: () => Pick<Auth, 'forgetUser' | 'forgetSession' | 'forgetAll'>;
  sockets: RoomSocketServer;
  dashboards: DashboardSocketServer;
  roomAccessFacts: RoomAccessCache;
  registry: RoomRegistry;
  notes: NotesRegistry;
}

/**
 * What this server does when someone's access changes, here or on another server. What
 * sockets cache of people and rooms is forgotten before the sockets are told, so a
 * re-check (or the next socket) reads the change. A session's own writes (sign-in,
 * sign-out, a guest's new room pass) are remembered by this server's store (createAuth).
 */
export function accessEffects(parts: AccessEffectsParts): AccessEffects {
  const { auth, sockets, dashboards, roomAccessFacts, registry, notes } = parts;
  const effects: AccessEffects = {
    sessionEnded: (key) => {
      sockets.closeSession(key, CloseCode.SignedOut, 'signed out');
      dashboards.closeSession(key, CloseCode.SignedOut, 'signed out');
    },
    forgetSession: (key) => auth().forgetSession(key),
    sessionsRevoked: (userId) => {
      auth().forgetUser(userId);
      sockets.closeUser(userId, CloseCode.SignedOut, 'signed out');
      dashboards.closeUser(userId, CloseCode.SignedOut, 'signed out');
    },
    userDisabled: (userId) => {
      auth().forgetUser(userId);
      sockets.closeUser(userId, CloseCode.AccountDisabled, 'account disabled');
      dashboards.closeUser(userId, CloseCode.AccountDisabled, 'account disabled');
    },
    userChanged: (userId) => {
      auth().forgetUser(userId);
      void sockets.recheckUser(userId);
      dashboards.recheckAll();
    },
    roomCreated: (room) => roomAccessFacts.remember(room),
    roomMembersChanged: (roomId) => roomAccessFacts.forget(roomId),
    roomSettingsChanged: (roomId, controls, session) => {
      roomAccessFacts.forget(roomId);
      void registry.applySettings(roomId, controls, session).finally(() => sockets.recheckRoom(roomId));
    },
    roomParticipantsChanged: (roomId) => {
      roomAccessFacts.forget(roomId);
      void sockets.recheckRoom(roomId);
      dashboards.recheckAll();
    },
    classChanged: (classInfo: ClassInfo) => void registry.applyClassInfo(classInfo),
    roomDeleted: async (roomId) => {
      roomAccessFacts.forget(roomId);
      // Shared with other servers, a deleted room's log is given up at once (its deletion removes it).
      await Promise.all([registry.forsake(roomId), notes.forsake(roomId)]);
      await sockets.closeRoom(roomId, CloseCode.RoomDeleted, 'room deleted');
      await Promise.all([registry.unloaded(roomId), notes.unloaded(roomId)]);
    },
    catchUp: async () => {
      auth().forgetAll();
      roomAccessFacts.forgetAll();
      const deleted = await registry.reread();
      await Promise.all(deleted.map((roomId) => effects.roomDeleted(roomId)));
      await sockets.recheckAll();
      dashboards.recheckAll();
    },
  };
  return effects;
}
