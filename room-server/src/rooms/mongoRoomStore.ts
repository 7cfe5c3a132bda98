import type { Database } from '../db/Database.ts';
import type { RoomStore } from './RoomStore.ts';

/** The room store over the server's MongoDB repositories. */
export function mongoRoomStore(database: Pick<Database, 'rooms' | 'runs' | 'submissions'>): RoomStore {
  return {
    insertRun: (run) => database.runs.insert(run),
    finishRun: (id, events, exit) => database.runs.finish(id, events, exit),
    insertSubmission: (submission) => database.submissions.insert(submission),
    finishSubmission: (id, events, finished) => database.submissions.finish(id, events, finished),
    setLanguage: (roomId, language) => database.rooms.setLanguage(roomId, language),
    storeClosedDoc: (roomId, doc, seq) => database.rooms.storeClosedDoc(roomId, doc, seq),
  };
}
