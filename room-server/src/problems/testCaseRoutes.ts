import {
  bulkTestsInputSchema,
  type TestCaseInput,
  testCaseInputSchema,
  testCaseUpdateSchema,
} from '@codestream/shared';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { parseOr400 } from '../http/validation.ts';
import { loadProblem } from './loadProblem.ts';
import type { ArchiveRoutesDeps } from './problemRoutes.ts';
import { readJsonBody, readRawBody } from './readBody.ts';
import { isZipUpload, requireAuthor, withArchiveErrors } from './routeHelpers.ts';
import { type TestCaseRecord, toTestCase } from './TestCaseRepository.ts';
import { MAX_TESTS_PER_PROBLEM, testSizeProblem } from './testLimits.ts';
import { refreshTestSummary } from './testSummary.ts';

/** Texts in the listing are cut to this; GET …/tests/:id returns a test whole. */
const PREVIEW_CHARS = 64 * 1024;

/** Tests of one problem together hold at most what one import may unpack, so every problem can be exported. */
export function maxProblemTestBytes(maxImportBytes: number): number {
  return 4 * maxImportBytes;
}

/** Author-only routes over a problem's test cases. */
export function addTestCaseRoutes(router: Router, deps: ArchiveRoutesDeps): void {
  const { problems, tests, maxTestBytes, maxImportBytes, archiveThreads } = deps;
  // JSON escaping can grow text (a newline takes 2 bytes, a control character 6).
  const oneTestJsonLimit = 4 * maxTestBytes + 64 * 1024;

  /** 400 naming each test that is too large, as `path.input` / `path.output`. */
  function checkSizes(ctx: Context, batch: readonly TestCaseInput[], pathOf: (i: number) => string): void {
    const details = batch.flatMap((test, i) => {
      const problem = testSizeProblem(test, maxTestBytes);
      if (!problem) return [];
      const field = problem.startsWith('output') ? 'output' : 'input';
      return [{ path: `${pathOf(i)}${field}`, message: problem }];
    });
    if (details.length > 0) ctx.throw(400, 'Test case too large', { details });
  }

  /**
   * 400 when storing `batch` would break a per-problem bound: on top of the current tests,
   * instead of all of them (`replace`), or instead of one (`replacing`, an edit).
   */
  async function checkRoom(
    ctx: Context,
    problemId: string,
    batch: readonly TestCaseInput[],
    options: { replace?: boolean; replacing?: TestCaseRecord } = {},
  ) {
    let [count, bytes] = options.replace
      ? [0, 0]
      : await Promise.all([tests.count(problemId), tests.totalBytes(problemId)]);
    if (options.replacing) {
      count -= 1;
      bytes -= options.replacing.inputBytes + options.replacing.outputBytes;
    }
    if (count + batch.length > MAX_TESTS_PER_PROBLEM) {
      ctx.throw(400, `A problem holds at most ${MAX_TESTS_PER_PROBLEM} tests (it has ${count})`);
    }
    const added = batch.reduce((sum, t) => sum + Buffer.byteLength(t.input) + Buffer.byteLength(t.output), 0);
    const max = maxProblemTestBytes(maxImportBytes);
    if (bytes + added > max) ctx.throw(400, `A problem's tests total at most ${max} bytes`);
  }

  router.get('/problems/:slug/tests', requireAuthor, async (ctx) => {
    const problem = await loadProblem(ctx, problems);
    ctx.body = await tests.listPreviews(problem._id, PREVIEW_CHARS);
  });

  router.get('/problems/:slug/tests/:id', requireAuthor, async (ctx) => {
    const problem = await loadProblem(ctx, problems);
    const record = await tests.find(problem._id, ctx.params.id ?? '');
    if (!record) return ctx.throw(404, 'Test case not found');
    ctx.body = toTestCase(record);
  });

  router.post('/problems/:slug/tests', requireAuthor, async (ctx) => {
    const problem = await loadProblem(ctx, problems);
    const test = parseOr400(testCaseInputSchema, await readJsonBody(ctx, oneTestJsonLimit), 'Invalid test case');
    checkSizes(ctx, [test], () => '');
    await checkRoom(ctx, problem._id, [test]);
    const [record] = await tests.append(problem._id, [test]);
    await refreshTestSummary(problems, tests, problem._id);
    ctx.status = 201;
    ctx.body = record && toTestCase(record);
  });

  router.put('/problems/:slug/tests/:id', requireAuthor, async (ctx) => {
    const problem = await loadProblem(ctx, problems);
    const test = parseOr400(testCaseUpdateSchema, await readJsonBody(ctx, oneTestJsonLimit), 'Invalid test case');
    checkSizes(ctx, [test], () => '');
    const current = await tests.find(problem._id, ctx.params.id ?? '');
    if (!current) return ctx.throw(404, 'Test case not found');
    await checkRoom(ctx, problem._id, [test], { replacing: current });
    const record = await tests.update(problem._id, current._id, test);
    if (!record) return ctx.throw(404, 'Test case not found');
    await refreshTestSummary(problems, tests, problem._id);
    ctx.body = toTestCase(record);
  });

  router.delete('/problems/:slug/tests/:id', requireAuthor, async (ctx) => {
    const problem = await loadProblem(ctx, problems);
    if (!(await tests.delete(problem._id, ctx.params.id ?? ''))) ctx.throw(404, 'Test case not found');
    await refreshTestSummary(problems, tests, problem._id);
    ctx.status = 204;
  });

  /** A zip of NAME.in + NAME.ans pairs (?replace=true), or JSON `{ tests, replace? }`. */
  router.post('/problems/:slug/tests/bulk', requireAuthor, async (ctx) => {
    const problem = await loadProblem(ctx, problems);
    let batch: TestCaseInput[];
    let replace: boolean;
    if (isZipUpload(ctx)) {
      const zip = await readRawBody(ctx, maxImportBytes, 'The archive');
      batch = await withArchiveErrors(ctx, () =>
        archiveThreads.parseTests(zip, { maxTestBytes, maxUncompressedBytes: maxProblemTestBytes(maxImportBytes) }),
      );
      replace = ctx.query.replace === 'true';
    } else {
      const body = parseOr400(bulkTestsInputSchema, await readJsonBody(ctx, maxImportBytes), 'Invalid test cases');
      checkSizes(ctx, body.tests, (i) => `tests.${i}.`);
      batch = body.tests;
      replace = body.replace;
    }
    await checkRoom(ctx, problem._id, batch, { replace });
    // Everything is checked before anything is deleted: a bad upload leaves the tests as they were.
    if (replace) await tests.deleteAll(problem._id);
    await tests.append(problem._id, batch);
    await refreshTestSummary(problems, tests, problem._id);
    ctx.status = 201;
    ctx.body = { added: batch.length };
  });
}
