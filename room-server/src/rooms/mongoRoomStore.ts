import type { SubmissionRepositories } from '../submissions/submissionRepositories.ts';
import type { RoomStore } from './RoomStore.ts';
import type { RoomRepositories } from './roomRepositories.ts';

/** The room store over the server's MongoDB repositories. */
export function mongoRoomStore(
  database: Pick<RoomRepositories, 'rooms' | 'runs' | 'roomChat'> & SubmissionRepositories,
): RoomStore {
  return {
    // The room points at a job before the job is stored: a crash in between leaves a
    // pointer to nothing (no latest job shown), never a stored job its room cannot find.
    insertRun: async (run) => {
      await database.rooms.setLatestJob(run.roomId, 'latestRunId', run._id);
      await database.runs.insert(run);
    },
    finishRun: (id, events, exit, ifUnfinished) => database.runs.finish(id, events, exit, ifUnfinished),
    insertSubmission: async (submission) => {
      await database.rooms.setLatestJob(submission.roomId, 'latestSubmissionId', submission._id);
      await database.submissions.insert(submission);
    },
    finishSubmission: (id, events, finished, ifUnfinished) =>
      database.submissions.finish(id, events, finished, ifUnfinished),
    setLanguage: (roomId, language) => database.rooms.setLanguage(roomId, language),
    insertChat: (record) => database.roomChat.insert(record),
    storeClosedDoc: (roomId, doc, seq, activity) => database.rooms.storeClosedDoc(roomId, doc, seq, activity),
  };
}
