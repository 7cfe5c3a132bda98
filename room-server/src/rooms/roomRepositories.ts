import type { Db } from 'mongodb';
import { ChatRepository } from './ChatRepository.ts';
import { RoomArchiveRepository } from './RoomArchiveRepository.ts';
import { RoomEventRepository } from './RoomEventRepository.ts';
import { RoomRepository } from './RoomRepository.ts';
import { RoomSnapshotRepository } from './RoomSnapshotRepository.ts';
import { RoomUpdateRepository } from './RoomUpdateRepository.ts';
import { RunRepository } from './RunRepository.ts';
import { ScorecardRepository } from './ScorecardRepository.ts';

/** Where rooms keep their records, update logs, snapshots, joins and leaves, runs, scorecards, chat and which rooms are archived. */
export function roomRepositories(db: Db) {
  return {
    rooms: new RoomRepository(db.collection('rooms')),
    roomArchive: new RoomArchiveRepository(db.collection('room_archive')),
    roomUpdates: new RoomUpdateRepository(db.collection('room_updates')),
    roomSnapshots: new RoomSnapshotRepository(db.collection('room_snapshots')),
    roomEvents: new RoomEventRepository(db.collection('room_events')),
    runs: new RunRepository(db.collection('runs')),
    scorecards: new ScorecardRepository(db.collection('room_scorecards')),
    roomChat: new ChatRepository(db.collection('room_chat')),
  };
}

export type RoomRepositories = ReturnType<typeof roomRepositories>;
