import {
  type FinishedEvent,
  type LanguageSpec,
  overallVerdict,
  SAMPLE_OUTPUT_PREVIEW_CHARS,
  type SubmissionTest,
  type SubmitEvent,
  type SubmitRequest,
  type TestEvent,
  type Verdict,
} from '@codestream/shared';
import { AsyncQueue } from './AsyncQueue.ts';
import { CustomChecker } from './CustomChecker.ts';
import { exactMatch, floatMatch, tokensMatch } from './checkers.ts';
import { compileFailure } from './compileFailure.ts';
import { describeDockerError } from './dockerErrors.ts';
import { type CompileSettings, compileExec, programExec, testWallMs } from './execSpec.ts';
import { type FairQueue, QueueAbortedError, QueueFullError } from './FairQueue.ts';
import { Interactor } from './Interactor.ts';
import { type RunnerContainer, RunnerError, RunnerStoppedError } from './runner/RunnerContainer.ts';
import type { ExecResult, ExecSpec } from './runner/runnerProtocol.ts';
import type { JudgeLogger } from './SandboxRun.ts';
import { TestPipeline } from './TestPipeline.ts';
import { resultStatus, runVerdict } from './testVerdict.ts';

export interface SubmissionJobOptions {
  request: SubmitRequest;
  language: LanguageSpec;
  /** The custom checker's or interactor's language, when the checker is one. */
  checkerLanguage?: LanguageSpec;
  /** The request's per-test limits, already clamped to the judge's maxima. */
  limits: { timeMs: number; memoryMb: number };
  compile: CompileSettings;
  fsizeKb: number;
  /** Output kept per stream (stdout, stderr) of one test; more on either is an output-limit verdict. */
  outputBytes: number;
  queue: FairQueue;
  sandbox(language: LanguageSpec, signal: AbortSignal): Promise<RunnerContainer>;
  signal: AbortSignal;
  log: JudgeLogger;
}

const STOPPED_MESSAGE = 'The submission was stopped.';

/** A test's run: the program's result, and the interactor's verdict on an interactive problem. */
type Ran = { result: ExecResult; interacted?: Awaited<ReturnType<Interactor['interact']>> };

/**
 * One judged submission: waits its turn, compiles once, then runs every test in the
 * same container, one EXEC per test, the next ones queued in the runner while one is
 * judged (TestPipeline; an interactive problem's tests run one at a time). A queued
 * test's input waits in the runner's memory, which no program can read (the runner is
 * not dumpable), and enters a program only when its test runs; expected outputs never
 * enter the sandbox (checking happens here, or in the custom checker's or interactor's
 * own container). The containers are removed in `finally`.
 */
export class SubmissionJob {
  #containers: RunnerContainer[] = [];
  /** The custom checker's (or interactor's) container may still be starting when the job ends. */
  #checker: Promise<unknown> | undefined;
  readonly #startedAt = performance.now();

  constructor(private readonly o: SubmissionJobOptions) {}

  async *events(): AsyncGenerator<SubmitEvent, void, undefined> {
    const { request, signal } = this.o;
    let release: (() => void) | undefined;
    try {
      const positions = new AsyncQueue<number | 'granted' | Error>();
      this.o.queue
        .acquire(request.queueKey ?? '', signal, (position) => positions.push(position))
        .then(
          (r) => {
            release = r;
            positions.push('granted');
          },
          (err: Error) => positions.push(err),
        );
      for (let next = await positions.shift(); next !== 'granted'; next = await positions.shift()) {
        if (next instanceof QueueAbortedError) return yield this.#stopped();
        if (next instanceof QueueFullError) return yield this.#finished('internal-error', 0, next.message);
        if (next instanceof Error) throw next;
        yield { type: 'queued', position: next };
      }
      yield* this.#judge();
    } catch (err) {
      if (err instanceof RunnerStoppedError || signal.aborted) return yield this.#stopped();
      const message = err instanceof RunnerError ? err.message : describeDockerError(err, this.o.language.image);
      yield this.#finished('internal-error', 0, message);
    } finally {
      await this.#checker;
      await Promise.all(this.#containers.map((c) => c.remove()));
      release?.();
    }
  }

  /** Removes the job's containers (kills whatever runs). Idempotent; safe from close(). */
  async removeContainers(): Promise<void> {
    await Promise.all(this.#containers.map((c) => c.remove()));
  }

  async *#judge(): AsyncGenerator<SubmitEvent, void, undefined> {
    const { request, language, signal } = this.o;
    const checker = this.#prepareChecker();
    // `finally` waits for it (then removes its container) whichever way the job ends.
    this.#checker = checker?.catch(() => undefined);
    const container = await this.#sandbox(language);
    container.writeFile(language.fileName, Buffer.from(request.code, 'utf8'));
    let compileMs: number | undefined;
    const compile = compileExec(language, this.o.compile, this.o.limits.memoryMb);
    if (compile) {
      yield { type: 'compiling' };
      const result = await container.exec(compile, { signal });
      compileMs = Math.round(result.wallUs / 1000);
      const message = result.stdout.toString('utf8') || undefined;
      const failure = compileFailure(result, this.o.compile, language)?.message;
      yield {
        type: 'compiled',
        ok: !failure,
        message: failure ? `${failure}${message ? `\n${message}` : ''}` : message,
        ...(result.outTruncated ? { truncatedAfterBytes: this.o.compile.messageBytes } : {}),
      };
      if (failure) return yield this.#finished('compilation-error', 0, failure, compileMs, false);
    }
    container.seal();
    const prepared = checker ? await checker : undefined;
    if (prepared && 'error' in prepared) return yield this.#finished('internal-error', 0, prepared.error, compileMs);
    const verdicts: Verdict[] = [];
    // An interactor judges one test at a time; other tests queue in the sandbox ahead of the one judged.
    const interactor = prepared instanceof Interactor ? prepared : undefined;
    const runs = new TestPipeline(
      request.tests.map((test) => Buffer.byteLength(test.input)),
      (index): Promise<Ran> =>
        interactor
          ? this.#interact(container, interactor, index)
          : container.exec(this.#testSpec(index), { signal }).then((result) => ({ result })),
      interactor ? { depth: 1, bytes: 0 } : undefined,
    );
    for (const [index, test] of request.tests.entries()) {
      const ran = await runs.result(index).catch((err: unknown) => {
        if (err instanceof RunnerError) return err;
        throw err;
      });
      const event = await this.#testEvent(index, test, ran, prepared);
      verdicts.push(event.verdict);
      yield event;
      // A broken sandbox cannot judge the remaining tests.
      if (event.verdict === 'internal-error' || !container.alive) break;
      if (request.stopAtFirstFailure && event.verdict !== 'accepted') break;
    }
    const verdict = overallVerdict(true, verdicts);
    yield this.#finished(verdict, verdicts.filter((v) => v === 'accepted').length, undefined, compileMs);
  }

  /** The program's EXEC for test `index`. */
  #testSpec(index: number): ExecSpec {
    const { language, limits } = this.o;
    const input = Buffer.from(this.o.request.tests[index]?.input ?? '', 'utf8');
    return programExec(
      language,
      { cpuMs: limits.timeMs, wallMs: testWallMs(limits.timeMs), memoryMb: limits.memoryMb, fsizeKb: this.o.fsizeKb },
      { mode: 'capture', input, outputBytes: this.o.outputBytes },
    );
  }

  /** Test `index` run against the interactor: the program's input is the dialogue alone. */
  async #interact(container: RunnerContainer, interactor: Interactor, index: number): Promise<Ran> {
    const test = this.o.request.tests[index];
    if (!test) throw new Error(`test ${index} is out of range`);
    const interacted = await interactor.interact({
      program: container,
      programSpec: this.#testSpec(index),
      input: test.input,
      expected: test.expectedOutput,
      keepStdoutBytes: test.kind === 'sample' ? SAMPLE_OUTPUT_PREVIEW_CHARS : 0,
      signal: this.o.signal,
    });
    return { result: interacted.solution, interacted };
  }

  async #testEvent(
    index: number,
    test: SubmissionTest,
    ran: Ran | RunnerError,
    checker: CustomChecker | Interactor | undefined,
  ): Promise<TestEvent> {
    const { language, limits } = this.o;
    const wallMs = testWallMs(limits.timeMs);
    const base = { type: 'test' as const, index, id: test.id, kind: test.kind };
    if (ran instanceof RunnerError) {
      return { ...base, verdict: 'internal-error', cpuMs: 0, wallMs: 0, memoryKb: 0, message: ran.message };
    }
    const { result, interacted } = ran;
    const status = resultStatus(result);
    const measured = {
      cpuMs: Math.round(result.cpuUs / 1000),
      wallMs: Math.round(result.wallUs / 1000),
      memoryKb: result.maxRssKb,
      ...(status.code !== null ? { exitCode: status.code } : {}),
      ...(status.signal ? { signal: status.signal } : {}),
    };
    const sample = test.kind === 'sample';
    // Hidden tests never carry the program's output: it could echo the hidden input.
    const shown = sample ? { output: result.stdout.toString('utf8').slice(0, SAMPLE_OUTPUT_PREVIEW_CHARS) } : {};
    const run = runVerdict(result, language, { ...limits, wallMs });
    // An interactor that ended first with wrong answer closed the program's input: failing
    // on that is not the program's fault, but its own limits still come first.
    const judgedFirst = interacted?.interactorFirst && interacted.outcome.verdict === 'wrong-answer';
    if (run.verdict && !(judgedFirst && run.verdict === 'runtime-error')) {
      return { ...base, verdict: run.verdict, ...measured, message: run.message, ...shown };
    }
    if (this.o.request.generateOutputs && !interacted) {
      return { ...base, verdict: 'accepted', ...measured, output: result.stdout.toString('utf8') };
    }
    const checked = interacted ? interacted.outcome : await this.#check(test, result.stdout, checker);
    return {
      ...base,
      verdict: checked.verdict,
      ...measured,
      ...(checked.message && (sample || checked.verdict === 'internal-error') ? { message: checked.message } : {}),
      ...shown,
    };
  }

  async #check(
    test: SubmissionTest,
    stdout: Buffer,
    checker: CustomChecker | Interactor | undefined,
  ): Promise<{ verdict: Verdict; message?: string }> {
    const { checker: spec } = this.o.request;
    const actual = stdout.toString('utf8');
    const judged = (ok: boolean) => ({ verdict: ok ? ('accepted' as const) : ('wrong-answer' as const) });
    switch (spec.type) {
      case 'exact':
        return judged(exactMatch(test.expectedOutput, actual));
      case 'tokens':
        return judged(tokensMatch(test.expectedOutput, actual));
      case 'float':
        return judged(floatMatch(test.expectedOutput, actual, spec));
      case 'interactive':
        // Judged by the interactor during the run (#interact): never reached.
        return { verdict: 'internal-error', message: 'The interactor did not run.' };
      case 'custom':
        if (!(checker instanceof CustomChecker))
          return { verdict: 'internal-error', message: 'The checker is not ready.' };
        try {
          return await checker.check(test.input, test.expectedOutput, stdout, this.o.signal);
        } catch (err) {
          if (!(err instanceof RunnerError)) throw err;
          return { verdict: 'internal-error', message: 'The checker failed.' };
        }
      default: {
        const unreachable: never = spec;
        throw new Error(`unknown checker ${String(unreachable)}`);
      }
    }
  }

  /** Starts the custom checker's (or interactor's) container and build alongside the program's. */
  #prepareChecker(): Promise<CustomChecker | Interactor | { error: string }> | undefined {
    const { request, checkerLanguage, signal } = this.o;
    const spec = request.checker;
    if (spec.type !== 'custom' && spec.type !== 'interactive') return undefined;
    if (!checkerLanguage) return Promise.resolve({ error: `Unknown checker language ${spec.language}.` });
    return this.#sandbox(checkerLanguage).then((container): Promise<CustomChecker | Interactor | { error: string }> => {
      const options = { container, language: checkerLanguage, code: spec.code, compile: this.o.compile, signal };
      const fsizeKb = this.o.fsizeKb;
      return spec.type === 'interactive'
        ? Interactor.prepare({ ...options, fsizeKb })
        : CustomChecker.prepare({ ...options, fsizeKb, protocol: spec.protocol });
    });
  }

  async #sandbox(language: LanguageSpec): Promise<RunnerContainer> {
    const container = await this.o.sandbox(language, this.o.signal);
    this.#containers.push(container);
    return container;
  }

  /** The signal fired (Stop, everyone left, the judge is closing) before every test was judged. */
  #stopped(): FinishedEvent {
    return { ...this.#finished('internal-error', 0, STOPPED_MESSAGE), stopped: true };
  }

  #finished(verdict: Verdict, passed: number, message?: string, compileMs?: number, compiled = true): FinishedEvent {
    return {
      type: 'finished',
      verdict: compiled ? verdict : 'compilation-error',
      passed,
      total: this.o.request.tests.length,
      ...(compileMs !== undefined ? { compileMs } : {}),
      totalMs: Math.round(performance.now() - this.#startedAt),
      ...(message ? { message } : {}),
    };
  }
}
