import type { Context } from 'koa';
import { requireRole } from '../accounts/guards.ts';
import { ArchiveError } from './ArchiveError.ts';
import { DuplicateSlugError } from './ProblemRepository.ts';

/** Authors and admins (admins pass every role check). */
export const requireAuthor = requireRole('author');

/** Runs a write that may take a slug already in use, answering 409 for that. */
export async function withSlugConflicts<T>(ctx: Context, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof DuplicateSlugError) ctx.throw(409, err.message);
    throw err;
  }
}

/**
 * Runs archive parsing, answering a broken archive with a 400 that says what is wrong,
 * one past a size limit with a 413, and one that must wait for its turn with a 503.
 */
export async function withArchiveErrors<T>(ctx: Context, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (err) {
    if (err instanceof ArchiveError) {
      const status = err.reason === 'too-large' ? 413 : err.reason === 'busy' ? 503 : 400;
      if (status === 503) ctx.set('Retry-After', '5');
      ctx.throw(status, err.message, err.details ? { details: err.details } : {});
    }
    throw err;
  }
}

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

export function isZipUpload(ctx: Context): boolean {
  return Boolean(ctx.is(ZIP_TYPES));
}
