import { DocKeys, type LanguageId } from '@codestream/shared';
import * as Y from 'yjs';
import { loadRoomDoc } from './loadRoomDoc.ts';
import type { RoomRegistry } from './RoomRegistry.ts';
import type { RoomRepositories } from './roomRepositories.ts';

/** What a room's editor holds now. */
export interface RoomContent {
  code: string;
  stdin: string;
  language: LanguageId;
}

/**
 * The room's code and input now: the loaded room's (newer than anything stored), or else
 * the stored doc, rebuilt as a load would.
 */
export async function roomContent(
  registry: Pick<RoomRegistry, 'loaded'>,
  database: Pick<RoomRepositories, 'rooms' | 'roomSnapshots' | 'roomUpdates'>,
  roomId: string,
): Promise<RoomContent | null> {
  const room = await registry.loaded(roomId);
  if (room) return { ...texts(room.doc), language: room.language };
  const record = await database.rooms.find(roomId);
  if (!record) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadRoomDoc(database, record)).state);
  const content = { ...texts(doc), language: record.language };
  doc.destroy();
  return content;
}

function texts(doc: Y.Doc) {
  return { code: doc.getText(DocKeys.code).toString(), stdin: doc.getText(DocKeys.stdin).toString() };
}
