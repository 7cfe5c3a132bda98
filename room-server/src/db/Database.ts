import { type Db, MongoClient } from 'mongodb';
import { ProblemRepository } from '../problems/ProblemRepository.ts';
import { TestCaseRepository } from '../problems/TestCaseRepository.ts';
import { RoomEventRepository } from './RoomEventRepository.ts';
import { RoomRepository } from './RoomRepository.ts';
import { RoomSnapshotRepository } from './RoomSnapshotRepository.ts';
import { RoomUpdateRepository } from './RoomUpdateRepository.ts';
import { RunRepository } from './RunRepository.ts';
import { SessionRepository } from './SessionRepository.ts';
import { SettingsRepository } from './SettingsRepository.ts';
import { SignupInviteRepository } from './SignupInviteRepository.ts';
import { SubmissionRepository } from './SubmissionRepository.ts';
import { UserRepository } from './UserRepository.ts';

function repositories(db: Db) {
  return {
    rooms: new RoomRepository(db.collection('rooms')),
    roomUpdates: new RoomUpdateRepository(db.collection('room_updates')),
    roomSnapshots: new RoomSnapshotRepository(db.collection('room_snapshots')),
    roomEvents: new RoomEventRepository(db.collection('room_events')),
    runs: new RunRepository(db.collection('runs')),
    users: new UserRepository(db.collection('users')),
    sessions: new SessionRepository(db.collection('sessions')),
    settings: new SettingsRepository(db.collection('settings')),
    signupInvites: new SignupInviteRepository(db.collection('signup_invites')),
    problems: new ProblemRepository(db.collection('problems')),
    tests: new TestCaseRepository(db.collection('testcases')),
    submissions: new SubmissionRepository(db.collection('submissions')),
  };
}

export type Database = ReturnType<typeof repositories> & {
  readonly db: Db;
  close(): Promise<void>;
};

/** Connects with the official driver and creates collections and indexes (idempotent). */
export async function openDatabase(options: { uri: string; dbName: string }): Promise<Database> {
  const client = new MongoClient(options.uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db(options.dbName);
  const repos = repositories(db);
  await Promise.all(Object.values(repos).map((repo) => ('ensureIndexes' in repo ? repo.ensureIndexes() : undefined)));
  let closing: Promise<void> | undefined;
  return {
    ...repos,
    db,
    close: () => {
      closing ??= client.close();
      return closing;
    },
  };
}
