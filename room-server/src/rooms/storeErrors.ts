import { MongoError, MongoNetworkError, MongoOperationTimeoutError, MongoServerSelectionError } from 'mongodb';

/**
 * Whether a failed store is likely to succeed when tried again: the database was busy
 * (SQLite under FerretDB answers bursts with SQLITE_BUSY), the connection was lost, or it
 * did not answer in time. The update log writer retries every failure (dropping edits is
 * worse), but logs these as warnings and anything else as an error.
 */
export function isTransientStoreError(err: unknown): boolean {
  if (
    err instanceof MongoNetworkError ||
    err instanceof MongoServerSelectionError ||
    err instanceof MongoOperationTimeoutError
  ) {
    return true;
  }
  if (err instanceof MongoError && (err.hasErrorLabel('RetryableWriteError') || err.hasErrorLabel('ResetPool'))) {
    return true;
  }
  const message = err instanceof Error ? err.message : String(err);
  return /SQLITE_BUSY|database is locked|timed out|ECONNRESET|ECONNREFUSED|EPIPE|connection .*closed/i.test(message);
}
