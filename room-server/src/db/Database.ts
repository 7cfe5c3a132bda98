import { type Db, MongoClient } from 'mongodb';
import { RoomRepository } from './RoomRepository.ts';
import { RunRepository } from './RunRepository.ts';

export interface Database {
  readonly db: Db;
  readonly rooms: RoomRepository;
  readonly runs: RunRepository;
  close(): Promise<void>;
}

/** Connects with the official driver and creates collections and indexes (idempotent). */
export async function openDatabase(options: { uri: string; dbName: string }): Promise<Database> {
  const client = new MongoClient(options.uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const db = client.db(options.dbName);
  const rooms = new RoomRepository(db.collection('rooms'));
  const runs = new RunRepository(db.collection('runs'));
  await Promise.all([rooms.ensureIndexes(), runs.ensureIndexes()]);
  let closing: Promise<void> | undefined;
  return {
    db,
    rooms,
    runs,
    close: () => {
      closing ??= client.close();
      return closing;
    },
  };
}
