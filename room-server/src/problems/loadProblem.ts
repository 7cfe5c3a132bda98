import { PROBLEM_SLUG_PATTERN } from '@codestream/shared';
import type { Context } from 'koa';
import { currentUser } from '../accounts/guards.ts';
import type { ProblemRecord, ProblemRepository } from './ProblemRepository.ts';
import { mayView } from './problemViews.ts';

/**
 * The problem named by `ctx.params.slug`, if the requester may see it. Unknown problems
 * and drafts the requester may not see get the same 404, so drafts cannot be probed.
 */
export async function loadProblem(ctx: Context, problems: ProblemRepository): Promise<ProblemRecord> {
  const slug = ctx.params.slug ?? '';
  const record = PROBLEM_SLUG_PATTERN.test(slug) ? await problems.findBySlug(slug) : null;
  if (!record || !mayView(record, currentUser(ctx))) ctx.throw(404, 'Problem not found');
  return record;
}
