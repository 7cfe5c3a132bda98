import { type Db, MongoClient } from 'mongodb';
import { accountRepositories } from './accounts/accountRepositories.ts';
import { classRepositories } from './classes/classRepositories.ts';
import { SettingsRepository } from './db/SettingsRepository.ts';
import { isFerretDb, withSerializedUpdates } from './db/serializedUpdates.ts';
import { integrationRepositories } from './integrations/integrationRepositories.ts';
import { problemRepositories } from './problems/problemRepositories.ts';
import { roomRepositories } from './rooms/roomRepositories.ts';
import { submissionRepositories } from './submissions/submissionRepositories.ts';

/** Every feature's repositories over one database, and the server's own settings. */
function repositories(db: Db) {
  return {
    ...accountRepositories(db),
    ...problemRepositories(db),
    ...roomRepositories(db),
    ...classRepositories(db),
    ...submissionRepositories(db),
    ...integrationRepositories(db),
    settings: new SettingsRepository(db.collection('settings')),
  };
}

export type Database = ReturnType<typeof repositories> & {
  readonly db: Db;
  close(): Promise<void>;
};

/**
 * Connects with the official driver and creates collections and indexes (idempotent).
 * On FerretDB (the embedded database) updates of a collection run one at a time, or
 * concurrent ones lose each other's fields (see serializedUpdates.ts).
 */
export async function openDatabase(options: { uri: string; dbName: string }): Promise<Database> {
  const client = new MongoClient(options.uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const connected = client.db(options.dbName);
  const db = (await isFerretDb(connected)) ? withSerializedUpdates(connected) : connected;
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
