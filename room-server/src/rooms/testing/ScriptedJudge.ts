import type {
  ExitEvent,
  FinishedEvent,
  Judge,
  RunEvent,
  RunRequest,
  SubmitEvent,
  SubmitRequest,
} from '@codestream/shared';

/**
 * One job the room asked of the scripted judge: the test hands it events with `emit`,
 * ends it with `end` (or `fail`), and sees the request and the abort signal. As with the
 * real judge, the stream ends after its final event, and aborting ends it with `stopped`.
 */
export class ScriptedJob<E, R> {
  private readonly queue: ({ event: E } | { end: true } | { error: Error })[] = [];
  private wake: (() => void) | null = null;

  constructor(
    readonly request: R,
    readonly signal: AbortSignal,
    stopped: E,
    private readonly isFinal: (event: E) => boolean,
  ) {
    signal.addEventListener('abort', () => this.push({ event: stopped }, { end: true }), { once: true });
  }

  emit(...events: E[]): void {
    this.push(...events.map((event) => ({ event })));
  }

  end(): void {
    this.push({ end: true });
  }

  fail(error = new Error('judge crashed')): void {
    this.push({ error });
  }

  async *events(): AsyncGenerator<E> {
    for (;;) {
      const next = this.queue.shift();
      if (!next) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        continue;
      }
      if ('end' in next) return;
      if ('error' in next) throw next.error;
      yield next.event;
      if (this.isFinal(next.event)) return;
    }
  }

  private push(...items: typeof this.queue): void {
    this.queue.push(...items);
    this.wake?.();
    this.wake = null;
  }
}

const STOPPED_EXIT: ExitEvent = {
  type: 'exit',
  outcome: 'stopped',
  code: null,
  signal: null,
  durationMs: 1,
  message: 'The run was stopped.',
};

/** A Judge whose jobs the test scripts event by event. */
export class ScriptedJudge implements Judge {
  readonly runs: ScriptedJob<RunEvent, RunRequest>[] = [];
  readonly submissions: ScriptedJob<SubmitEvent, SubmitRequest>[] = [];
  private waiters: (() => void)[] = [];

  run(request: RunRequest, signal: AbortSignal): AsyncIterable<RunEvent> {
    const job = new ScriptedJob<RunEvent, RunRequest>(request, signal, STOPPED_EXIT, (e) => e.type === 'exit');
    this.runs.push(job);
    this.notify();
    return job.events();
  }

  submit(request: SubmitRequest, signal: AbortSignal): AsyncIterable<SubmitEvent> {
    const stopped: FinishedEvent = {
      type: 'finished',
      verdict: 'internal-error',
      passed: 0,
      total: request.tests.length,
      totalMs: 1,
      message: 'The submission was stopped.',
      stopped: true,
    };
    const job = new ScriptedJob<SubmitEvent, SubmitRequest>(request, signal, stopped, (e) => e.type === 'finished');
    this.submissions.push(job);
    this.notify();
    return job.events();
  }

  /** The `index`th run, once the room has asked for it. */
  async nextRun(index = this.runs.length): Promise<ScriptedJob<RunEvent, RunRequest>> {
    while (!this.runs[index]) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.runs[index];
  }

  async nextSubmission(index = this.submissions.length): Promise<ScriptedJob<SubmitEvent, SubmitRequest>> {
    while (!this.submissions[index]) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.submissions[index];
  }

  async close(): Promise<void> {}

  private notify(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
