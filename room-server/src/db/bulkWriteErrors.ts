import { MongoBulkWriteError, type WriteError } from 'mongodb';

/** The writes an insertMany refused (the driver gives one error or a list), or null for another error. */
export function refusedWrites(err: unknown): readonly WriteError[] | null {
  if (!(err instanceof MongoBulkWriteError)) return null;
  const { writeErrors } = err;
  return Array.isArray(writeErrors) ? (writeErrors as readonly WriteError[]) : [writeErrors as WriteError];
}
