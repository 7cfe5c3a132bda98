import { encodeAppFrame, MessageType, type ServerMessage } from '@codestream/shared';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { RoomLog } from './RoomLog.ts';

/** Binary frames of the room socket (y-websocket compatible). */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/**
 * The whole doc as a SyncStep2, sent as a peer joins before it asks (as y-redis does): a
 * client synced from it has the content without waiting a round trip for the answer to its
 * own SyncStep1, which it sends only once its code has run.
 */
export function syncStep2Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** A server app message; the encoding is shared with the web client. */
export function appFrame(message: ServerMessage): Uint8Array {
  return encodeAppFrame(message);
}

/** What a peer joining is told of storage: `waiting` while the log waits longer than usual, else nothing. */
export function waitingFrame(log: Pick<RoomLog, 'storageState' | 'oldestUnstoredAt'>): Uint8Array | null {
  const since = log.oldestUnstoredAt;
  return log.storageState === 'waiting' && since !== null
    ? appFrame({ type: 'storage', state: 'waiting', since })
    : null;
}
