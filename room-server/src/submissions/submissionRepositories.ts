import type { Db } from 'mongodb';
import { SubmissionRepository } from './SubmissionRepository.ts';

/** Where judged submissions are kept. */
export function submissionRepositories(db: Db) {
  return { submissions: new SubmissionRepository(db.collection('submissions')) };
}

export type SubmissionRepositories = ReturnType<typeof submissionRepositories>;
