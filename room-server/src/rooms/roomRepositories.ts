import type { Db } from 'mongodb';
import { RoomEventRepository } from './RoomEventRepository.ts';
import { RoomRepository } from './RoomRepository.ts';
import { RoomSnapshotRepository } from './RoomSnapshotRepository.ts';
import { RoomUpdateRepository } from './RoomUpdateRepository.ts';
import { RunRepository } from './RunRepository.ts';

/** Where rooms keep their records, update logs, snapshots, joins and leaves, and runs. */
export function roomRepositories(db: Db) {
  return {
    rooms: new RoomRepository(db.collection('rooms')),
    roomUpdates: new RoomUpdateRepository(db.collection('room_updates')),
    roomSnapshots: new RoomSnapshotRepository(db.collection('room_snapshots')),
    roomEvents: new RoomEventRepository(db.collection('room_events')),
    runs: new RunRepository(db.collection('runs')),
  };
}

export type RoomRepositories = ReturnType<typeof roomRepositories>;
