import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Judge, RunEvent } from '@codestream/shared';
import Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startRedis, type TestRedis } from '../../test/support/redisServer.ts';
import { createDockerJudge, type DockerJudgeOptions } from '../src/DockerJudge.ts';
import type { Logger } from '../src/logger.ts';
import { JudgeWorker } from '../src/queue/JudgeWorker.ts';
import { QueueJudge } from '../src/queue/QueueJudge.ts';
import { Labels } from '../src/sandboxSpec.ts';
import { collect, python, waitFor } from './harness.ts';

/**
 * A Redis of its own for the test file, QueueJudges (room-server side) and judge workers
 * on it, all closed after the file. Workers run in this process, or as real child
 * processes (`node --import tsx judge/src/worker.ts`) for the tests that kill them.
 */
export function useJudgeQueue() {
  let redis: TestRedis | undefined;
  const closers: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await redis?.stop();
  });
  const url = (): string => {
    if (!redis) throw new Error('Redis starts in beforeAll');
    return redis.url;
  };
  return {
    get redisUrl(): string {
      return url();
    },
    /** A room-server's judge. */
    judge(options: { maxQueued?: number } = {}): QueueJudge {
      const judge = new QueueJudge({ redisUrl: url(), ...options });
      closers.push(() => judge.close());
      return judge;
    },
    /**
     * A worker in this process, with no warm pool (so every container a job used is gone
     * after it); `jobLog` hears each job's start and end.
     */
    async worker(id: string, concurrency = 1, jobLog?: Logger, options: DockerJudgeOptions = {}): Promise<JudgeWorker> {
      const judge = await createDockerJudge({
        ...options,
        id,
        sweepIntervalMs: 0,
        maxConcurrentRuns: concurrency,
        maxQueued: concurrency,
      });
      const worker = await JudgeWorker.start({ redisUrl: url(), judge, concurrency, jobLog });
      closers.push(() => worker.close());
      return worker;
    },
    /** A worker process; resolves once it takes jobs. */
    async workerProcess(id: string): Promise<WorkerProcess> {
      // setpriv: the worker dies with the test process, even on SIGKILL; it execs node (same pid).
      const child = spawn(
        'setpriv',
        ['--pdeathsig', 'KILL', process.execPath, '--import', 'tsx', 'judge/src/worker.ts'],
        {
          env: {
            ...process.env,
            REDIS_URL: url(),
            JUDGE_WORKER_ID: id,
            JUDGE_MAX_CONCURRENT_RUNS: '1',
            JUDGE_POOL_SIZE: '0',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const worker = new WorkerProcess(id, child);
      closers.push(() => worker.kill('SIGKILL'));
      await worker.ready;
      return worker;
    },
  };
}

export class WorkerProcess {
  readonly output: string[] = [];
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;

  constructor(
    readonly id: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.ready = new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.output.push(chunk.toString());
        if (this.output.join('').includes('is taking jobs')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`worker ${id} exited (${code}):\n${this.output.join('')}`)));
    });
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}

/** After each test of the suite: no container of the worker is left (removal trails the last event). */
export function expectNoContainersLeft(workerId: string): void {
  afterEach(async () => {
    const left = await waitFor(
      () => containersOf(workerId),
      (ids) => ids.length === 0,
    );
    expect(left, 'sandbox containers left after the test').toEqual([]);
  });
}

/** Sandbox containers (running or not) labelled with a worker's id. */
export async function containersOf(workerId: string): Promise<string[]> {
  const list = await new Docker().listContainers({
    all: true,
    filters: { label: [`${Labels.sandbox}=1`, `${Labels.judge}=${workerId}`] },
  });
  return list.map((c) => c.Id);
}

/** A name unique to this test run (containers of concurrent test files share one engine). */
export function testId(name: string): string {
  return `q-${name}-${randomBytes(3).toString('hex')}`;
}

/** Starts a run in `room`; `started` resolves once the program runs, `done` with every event. */
export function startRun(judge: Judge, room: string, code: string, signal = new AbortController().signal) {
  let onStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    onStarted = resolve;
  });
  const done = collect(
    judge,
    { ...python(code), queueKey: room },
    {
      signal,
      onEvent: (event: RunEvent) => {
        if (event.type === 'started') onStarted();
      },
    },
  );
  return { started, done };
}
