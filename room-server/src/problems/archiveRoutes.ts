import { problemImportQuerySchema } from '@codestream/shared/api';
import type Router from '@koa/router';
import { currentUser } from '../accounts/guards.ts';
import { parseOr400 } from '../http/validation.ts';
import { buildProblemArchive } from './codestreamArchive.ts';
import { loadProblem } from './loadProblem.ts';
import type { ArchiveRoutesDeps } from './problemRoutes.ts';
import { problemInputOf } from './problemViews.ts';
import { readRawBody } from './readBody.ts';
import { isZipUpload, requireAuthor, withArchiveErrors, withSlugConflicts } from './routeHelpers.ts';
import { maxProblemTestBytes } from './testCaseRoutes.ts';
import { refreshTestSummary } from './testSummary.ts';

/** Export to and import from zip archives (CodeStream's own, and ICPC/Kattis packages). */
export function addArchiveRoutes(router: Router, deps: ArchiveRoutesDeps): void {
  const { problems, tests, maxTestBytes, maxImportBytes, archiveThreads } = deps;

  router.get('/problems/:slug/export', requireAuthor, async (ctx) => {
    const record = await loadProblem(ctx, problems);
    const archive = buildProblemArchive(problemInputOf(record), await tests.list(record._id));
    ctx.attachment(`${record.slug}.zip`);
    ctx.type = 'application/zip';
    ctx.body = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  });

  router.post('/problems/import', requireAuthor, async (ctx) => {
    if (!isZipUpload(ctx)) ctx.throw(415, 'Send the archive as the body, with Content-Type: application/zip');
    const { slug } = parseOr400(problemImportQuerySchema, ctx.query, 'Invalid slug in ?slug=');
    const zip = await readRawBody(ctx, maxImportBytes, 'The archive');
    const imported = await withArchiveErrors(ctx, () =>
      archiveThreads.parseImport(zip, {
        maxTestBytes,
        maxUncompressedBytes: maxProblemTestBytes(maxImportBytes),
        ...(slug ? { slug } : {}),
      }),
    );
    const record = await withSlugConflicts(ctx, () => problems.create(imported.problem, currentUser(ctx)?.id ?? null));
    try {
      await tests.append(record._id, imported.tests);
      await refreshTestSummary(problems, tests, record._id);
    } catch (err) {
      // No transactions on FerretDB: undo by hand, so a failed import leaves nothing behind.
      await problems.delete(record._id);
      await tests.deleteAll(record._id);
      throw err;
    }
    ctx.status = 201;
    ctx.set('Location', `/api/problems/${record.slug}`);
    ctx.body = {
      slug: record.slug,
      format: imported.format,
      samples: imported.tests.filter((t) => t.kind === 'sample').length,
      hidden: imported.tests.filter((t) => t.kind === 'hidden').length,
    };
  });
}
