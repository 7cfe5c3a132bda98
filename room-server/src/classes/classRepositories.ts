import type { Db } from 'mongodb';
import { ClassRepository } from './ClassRepository.ts';

/** Where classes keep their records (their rooms are rooms: see RoomRecord.classId). */
export function classRepositories(db: Db) {
  return { classes: new ClassRepository(db.collection('classes')) };
}

export type ClassRepositories = ReturnType<typeof classRepositories>;
