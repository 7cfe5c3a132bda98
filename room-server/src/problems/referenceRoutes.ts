import {
  type FinishedEvent,
  type ReferenceCheckEvent,
  referenceCheckInputSchema,
  type SubmitRequest,
} from '@codestream/shared';
import type Router from '@koa/router';
import { ndjsonBody } from '../http/ndjsonBody.ts';
import { parseOr400 } from '../http/validation.ts';
import { loadProblem } from './loadProblem.ts';
import type { ProblemRoutesDeps } from './problemRoutes.ts';
import { readJsonBody } from './readBody.ts';
import { requireAuthor } from './routeHelpers.ts';
import type { TestCaseRecord } from './TestCaseRepository.ts';
import { maxProblemTestBytes } from './testCaseRoutes.ts';
import { testSizeProblem } from './testLimits.ts';
import { refreshTestSummary } from './testSummary.ts';

/** A reference solution of up to MAX_CODE_BYTES characters, JSON-escaped. */
const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * POST /problems/:slug/reference-check (authors): the judge's events for an author's
 * reference solution, as NDJSON while the tests run; with `generateOutputs`, each test's
 * expected output becomes what the solution printed, once it ran fine on every test.
 */
export function addReferenceRoutes(router: Router, deps: ProblemRoutesDeps): void {
  const { problems, tests, judge, log } = deps;
  router.post('/problems/:slug/reference-check', requireAuthor, async (ctx) => {
    const problem = await loadProblem(ctx, problems);
    const input = parseOr400(
      referenceCheckInputSchema,
      await readJsonBody(ctx, BODY_LIMIT),
      'Invalid reference solution',
    );
    const generate = input.generateOutputs;
    if (generate && problem.checker.type === 'interactive') {
      ctx.throw(400, 'An interactive problem has no expected outputs to generate: its interactor judges');
    }
    const records = await tests.list(problem._id);
    if (records.length === 0) ctx.throw(400, 'The problem has no tests yet');
    const request: SubmitRequest = {
      language: input.language,
      code: input.code,
      tests: records.map((t) => ({
        id: t._id,
        kind: t.kind,
        input: t.input,
        expectedOutput: generate ? '' : t.output,
      })),
      checker: generate ? { type: 'exact' } : problem.checker,
      limits: { timeMs: problem.timeLimitMs, memoryMb: problem.memoryLimitMb },
      // Every test's verdict is reported: an author wants to see each one that fails.
      stopAtFirstFailure: false,
      ...(generate ? { generateOutputs: true } : {}),
      queueKey: `reference:${problem._id}`,
    };
    // An author who leaves stops the judging (nothing is saved then).
    const body = ndjsonBody(ctx);
    const gone = body.gone;
    const send = (event: ReferenceCheckEvent) => body.write(event);
    const outputs = new Map<string, string>();
    let finished: FinishedEvent | undefined;
    void (async () => {
      for await (const event of judge.submit(request, gone)) {
        if (event.type === 'test') {
          const { output, ...shown } = event;
          if (generate && event.verdict === 'accepted' && output !== undefined) outputs.set(event.id, output);
          send(shown);
        } else {
          send(event);
          if (event.type === 'finished') finished = event;
        }
      }
      if (!generate || gone.aborted || finished?.verdict !== 'accepted' || finished.stopped) return;
      const refused = sizeProblem(records, outputs, deps);
      if (refused) return send({ type: 'outputs-refused', message: refused });
      for (const t of records) {
        await tests.update(problem._id, t._id, { kind: t.kind, input: t.input, output: outputs.get(t._id) ?? '' });
      }
      await refreshTestSummary(problems, tests, problem._id);
      send({ type: 'outputs-saved', updated: records.length });
    })()
      .catch((err: unknown) => {
        // The status line is gone: the client sees the stream end without its last event.
        log.error({ err, problem: problem.slug }, 'a reference check failed');
      })
      .finally(() => body.end());
  });
}

/** Why the generated outputs cannot be stored (a test or the problem past its size bound), or undefined. */
function sizeProblem(
  records: TestCaseRecord[],
  outputs: Map<string, string>,
  deps: ProblemRoutesDeps,
): string | undefined {
  let total = 0;
  for (const t of records) {
    const output = outputs.get(t._id) ?? '';
    const problem = testSizeProblem({ input: t.input, output }, deps.maxTestBytes);
    if (problem) return `Test ${t._id}: ${problem}`;
    total += t.inputBytes + Buffer.byteLength(output);
  }
  const max = maxProblemTestBytes(deps.maxImportBytes);
  return total > max ? `The outputs would bring the problem's tests to ${total} bytes, over ${max}` : undefined;
}
