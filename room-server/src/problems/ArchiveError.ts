/**
 * Why an uploaded archive cannot be used; the HTTP layer answers 'too-large' with a 413,
 * 'busy' with a 503, the others with a 400.
 */
export type ArchiveErrorReason =
  | 'not-a-zip'
  | 'too-large'
  | 'too-slow'
  | 'busy'
  | 'too-many-files'
  | 'not-text'
  | 'unpaired-test'
  | 'no-problem-file'
  | 'invalid-problem'
  | 'unsupported'
  | 'test-too-large'
  | 'no-slug';

export interface ArchiveIssue {
  path: string;
  message: string;
}

export class ArchiveError extends Error {
  constructor(
    readonly reason: ArchiveErrorReason,
    message: string,
    /** Field-level problems, e.g. of an archive's problem.json. */
    readonly details?: ArchiveIssue[],
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}
