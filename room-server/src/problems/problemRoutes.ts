import { availableParallelism } from 'node:os';
import { type Judge, problemInputSchema, problemListQuerySchema, renderMarkdownInputSchema } from '@codestream/shared';
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { currentUser, requireUser } from '../accounts/guards.ts';
import { parseOr400 } from '../http/validation.ts';
import type { Logger } from '../log/logger.ts';
import { ArchiveThreads } from './ArchiveThreads.ts';
import { addArchiveRoutes } from './archiveRoutes.ts';
import { loadProblem } from './loadProblem.ts';
import { renderStatement } from './markdown.ts';
import type { ProblemRepository } from './ProblemRepository.ts';
import { canEditProblems, toPublicProblem, viewerOf } from './problemViews.ts';
import { readJsonBody } from './readBody.ts';
import { addReferenceRoutes } from './referenceRoutes.ts';
import { requireAuthor, withSlugConflicts } from './routeHelpers.ts';
import type { TestCaseRepository } from './TestCaseRepository.ts';
import { addTestCaseRoutes } from './testCaseRoutes.ts';

export interface ProblemRoutesDeps {
  problems: ProblemRepository;
  tests: TestCaseRepository;
  /** Largest input or expected output of one test (MAX_TEST_BYTES). */
  maxTestBytes: number;
  /** Largest uploaded archive (MAX_IMPORT_BYTES). */
  maxImportBytes: number;
  /** Judges authors' reference solutions (referenceRoutes.ts). */
  judge: Pick<Judge, 'submit'>;
  log: Logger;
}

/** What the routes that read uploaded archives need besides. */
export type ArchiveRoutesDeps = ProblemRoutesDeps & { archiveThreads: ArchiveThreads };

/**
 * A problem body: 100 kB of statement, 64 kB of starter code per language and a custom
 * checker of up to MAX_CODE_BYTES characters, JSON-escaped.
 */
const PROBLEM_BODY_LIMIT = 2 * 1024 * 1024;

/** Paths whose bodies problemRoutes reads itself, with limits larger than the app's 16 kB. */
const OWN_BODY_PATHS = /^\/api\/(problems(\/|$)|render-markdown$)/;

/**
 * Mounted before the app-wide JSON parser: exempts the problem routes from it, so their
 * larger bodies are read by the routes themselves, after authorisation, each with its
 * own limit.
 */
export const deferProblemBodies: Middleware = async (ctx, next) => {
  if (OWN_BODY_PATHS.test(ctx.path)) ctx.disableBodyParser = true;
  await next();
};

/** The problem bank under /api: problems, their tests, archives, and statement previews. */
export function problemRoutes(deps: ProblemRoutesDeps): Router {
  const { problems, tests } = deps;
  const router = new Router({ prefix: '/api' });

  router.get('/problems', requireUser, async (ctx) => {
    const query = parseOr400(problemListQuerySchema, ctx.query, 'Invalid search');
    const user = currentUser(ctx);
    // Members ask for published problems whatever `visibility` says.
    const visibility = !canEditProblems(user)
      ? (['published'] as const)
      : query.visibility
        ? [query.visibility]
        : (['draft', 'published'] as const);
    const { items, total } = await problems.search({
      ...(query.q ? { q: query.q } : {}),
      ...(query.tag ? { tag: query.tag } : {}),
      ...(query.difficulty ? { difficulty: query.difficulty } : {}),
      visibility,
      skip: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    ctx.body = { items, total, page: query.page, pageSize: query.pageSize };
  });

  router.get('/problems/:slug', requireUser, async (ctx) => {
    ctx.body = toPublicProblem(await loadProblem(ctx, problems), viewerOf(currentUser(ctx)));
  });

  router.post('/problems', requireAuthor, async (ctx) => {
    const input = parseOr400(problemInputSchema, await readJsonBody(ctx, PROBLEM_BODY_LIMIT), 'Invalid problem');
    const record = await withSlugConflicts(ctx, () => problems.create(input, currentUser(ctx)?.id ?? null));
    ctx.status = 201;
    ctx.set('Location', `/api/problems/${record.slug}`);
    ctx.body = toPublicProblem(record, 'author');
  });

  router.put('/problems/:slug', requireAuthor, async (ctx) => {
    const current = await loadProblem(ctx, problems);
    const input = parseOr400(problemInputSchema, await readJsonBody(ctx, PROBLEM_BODY_LIMIT), 'Invalid problem');
    const record = await withSlugConflicts(ctx, () => problems.update(current._id, input));
    if (!record) return ctx.throw(404, 'Problem not found');
    ctx.body = toPublicProblem(record, 'author');
  });

  router.delete('/problems/:slug', requireAuthor, async (ctx) => {
    const record = await loadProblem(ctx, problems);
    // Problem first: if the second step fails, orphaned tests are unreachable, not visible.
    await problems.delete(record._id);
    await tests.deleteAll(record._id);
    ctx.status = 204;
  });

  router.post('/render-markdown', requireAuthor, async (ctx) => {
    const { markdown } = parseOr400(
      renderMarkdownInputSchema,
      await readJsonBody(ctx, PROBLEM_BODY_LIMIT),
      'Invalid markdown',
    );
    ctx.body = { html: renderStatement(markdown) };
  });

  // One core stays with the rooms' event loop whatever authors upload.
  const archiveDeps = {
    ...deps,
    archiveThreads: new ArchiveThreads({ maxRunning: Math.max(1, availableParallelism() - 1) }),
  };
  addTestCaseRoutes(router, archiveDeps);
  addArchiveRoutes(router, archiveDeps);
  addReferenceRoutes(router, deps);
  return router;
}
