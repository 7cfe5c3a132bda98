import {
  type FinishedEvent,
  type Judge,
  type RunEvent,
  type RunRequest,
  SANDBOX_IMAGE,
  type SubmitEvent,
  type SubmitRequest,
  type TestEvent,
} from '@codestream/shared';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { createDockerJudge, type DockerJudge, type DockerJudgeOptions } from '../src/DockerJudge.ts';
import { createJudgeService, type JudgeService } from '../src/JudgeService.ts';
import { RemoteJudge } from '../src/RemoteJudge.ts';
import { Labels } from '../src/sandboxSpec.ts';

export const TEST_TOKEN = 'integration-test-token-0123456789';

export interface JudgeHarness {
  /** What the tests drive: the DockerJudge itself, or a RemoteJudge in front of it. */
  judge: Judge;
  /** The DockerJudge that owns the containers (for label checks). */
  docker: DockerJudge;
  service?: JudgeService;
  close(): Promise<void>;
}

/** Fails the suite early with a useful message instead of N confusing `error` outcomes. */
async function requireReady(judge: DockerJudge): Promise<void> {
  const problems = await judge.checkReady();
  if (problems.length > 0) {
    throw new Error(
      `Docker sandbox not ready (run scripts/ensure-docker.sh && sandbox/build.sh):\n${problems.join('\n')}`,
    );
  }
}

export const judgeKinds = [
  {
    kind: 'in-process DockerJudge',
    async create(options: DockerJudgeOptions = {}): Promise<JudgeHarness> {
      // A pool of 1: most tests then also exercise pooled containers.
      const docker = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 1, ...options });
      await requireReady(docker);
      return { judge: docker, docker, close: () => docker.close() };
    },
  },
  {
    kind: 'RemoteJudge → JudgeService',
    async create(options: DockerJudgeOptions = {}): Promise<JudgeHarness> {
      const docker = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 1, ...options });
      await requireReady(docker);
      const service = await createJudgeService({ judge: docker, token: TEST_TOKEN, port: 0 });
      const remote = new RemoteJudge({ url: service.url, token: TEST_TOKEN });
      return {
        judge: remote,
        docker,
        service,
        async close() {
          await remote.close();
          await service.close();
          await docker.close();
        },
      };
    },
  },
] as const;

/** Container ids labelled as sandboxes of `judgeId` (other suites' judges run concurrently). */
export async function allSandboxContainers(judge: DockerJudge): Promise<string[]> {
  const list = await judge.docker.listContainers({
    all: true,
    filters: { label: [`${Labels.sandbox}=1`, `${Labels.judge}=${judge.id}`] },
  });
  return list.map((c) => c.Id);
}

/**
 * The judge's containers other than those waiting in its warm pool: what a job left
 * behind. Waits for pool refills in flight, whose containers are not idle yet.
 */
export async function sandboxContainers(judge: DockerJudge): Promise<string[]> {
  await judge.pool.settled();
  const idle = new Set(judge.idleContainerIds());
  return (await allSandboxContainers(judge)).filter((id) => !idle.has(id));
}

export async function waitFor<T>(check: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs `body` once per judge kind with a fresh harness, and checks after every test that
 * none of the judge's containers is left. Removal may trail the end of a remote run
 * (the service cleans up after the client saw `exit`), hence the short wait.
 */
export function describeEachJudge(
  title: string,
  body: (harness: () => JudgeHarness) => void,
  options: DockerJudgeOptions = {},
  kinds: ReadonlyArray<(typeof judgeKinds)[number]> = judgeKinds,
): void {
  describe.each(kinds)(`${title} ($kind)`, ({ create }) => {
    let harness: JudgeHarness | undefined;
    const current = (): JudgeHarness => {
      if (!harness) throw new Error('harness not created');
      return harness;
    };
    beforeAll(async () => {
      harness = await create(options);
    });
    afterAll(async () => {
      await harness?.close();
    });
    afterEach(async () => {
      const left = await waitFor(
        () => sandboxContainers(current().docker),
        (ids) => ids.length === 0,
      );
      expect(left, 'sandbox containers left after the test').toEqual([]);
    });
    body(current);
  });
}

/** Like describeEachJudge, in-process only: for behaviour the HTTP hop cannot change. */
export function describeInProcessJudge(
  title: string,
  body: (harness: () => JudgeHarness) => void,
  options: DockerJudgeOptions = {},
): void {
  describeEachJudge(title, body, options, [judgeKinds[0]]);
}

export interface ReceivedEvent {
  event: RunEvent;
  /** performance.now() when the consumer received it. */
  at: number;
}

export async function collect(
  judge: Judge,
  request: RunRequest,
  options: { signal?: AbortSignal; onEvent?: (event: RunEvent) => void } = {},
): Promise<ReceivedEvent[]> {
  const received: ReceivedEvent[] = [];
  for await (const event of judge.run(request, options.signal ?? new AbortController().signal)) {
    received.push({ event, at: performance.now() });
    options.onEvent?.(event);
  }
  return received;
}

export function outputOf(received: ReceivedEvent[], stream: 'stdout' | 'stderr' = 'stdout'): string {
  return received.map(({ event }) => (event.type === 'output' && event.stream === stream ? event.data : '')).join('');
}

export function exitOf(received: ReceivedEvent[]) {
  const exits = received.filter(({ event }) => event.type === 'exit');
  expect(exits, 'exactly one exit event').toHaveLength(1);
  const last = received.at(-1)?.event;
  expect(last?.type, 'exit is the last event').toBe('exit');
  if (last?.type !== 'exit') throw new Error('unreachable');
  return last;
}

export function python(code: string, stdin = '', limits?: RunRequest['limits']): RunRequest {
  return { language: 'python', code, stdin, limits };
}

export { SANDBOX_IMAGE };

export async function submitAll(
  judge: Judge,
  request: SubmitRequest,
  options: { signal?: AbortSignal; onEvent?: (event: SubmitEvent) => void } = {},
): Promise<SubmitEvent[]> {
  const events: SubmitEvent[] = [];
  for await (const event of judge.submit(request, options.signal ?? new AbortController().signal)) {
    events.push(event);
    options.onEvent?.(event);
  }
  return events;
}

export function testEvents(events: SubmitEvent[]): TestEvent[] {
  return events.filter((e): e is TestEvent => e.type === 'test');
}

export function finishedOf(events: SubmitEvent[]): FinishedEvent {
  const last = events.at(-1);
  expect(
    events.filter((e) => e.type === 'finished'),
    'exactly one finished event',
  ).toHaveLength(1);
  if (last?.type !== 'finished') throw new Error(`finished is not last: ${JSON.stringify(events)}`);
  return last;
}

/** A submission with tests given as [input, expected] pairs (hidden unless `sample`). */
export function submission(
  language: SubmitRequest['language'],
  code: string,
  tests: Array<[string, string]>,
  options: Partial<Omit<SubmitRequest, 'tests'>> & { sample?: boolean } = {},
): SubmitRequest {
  const { sample, ...rest } = options;
  return {
    language,
    code,
    tests: tests.map(([input, expectedOutput], i) => ({
      id: `t${i + 1}`,
      kind: sample ? 'sample' : 'hidden',
      input,
      expectedOutput,
    })),
    checker: { type: 'tokens' },
    limits: { timeMs: 2_000, memoryMb: 256 },
    stopAtFirstFailure: false,
    ...rest,
  };
}

/** The next normal submission still works after a hostile one. */
export async function expectJudgeStillWorks(judge: Judge): Promise<void> {
  const events = await submitAll(judge, submission('python', 'print(int(input()) * 2)\n', [['21\n', '42\n']]));
  expect(finishedOf(events)).toMatchObject({ verdict: 'accepted', passed: 1 });
}
