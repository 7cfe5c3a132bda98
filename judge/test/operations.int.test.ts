import path from 'node:path';
import Docker from 'dockerode';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, scrape } from '../../test/support/metricsText.ts';
import { createDockerJudge, type DockerJudge } from '../src/DockerJudge.ts';
import { createJudgeService, type JudgeService } from '../src/JudgeService.ts';
import { type MetricsListener, serveMetrics } from '../src/metricsEndpoint.ts';
import { RemoteJudge } from '../src/RemoteJudge.ts';
import { collect, exitOf, python, submission, submitAll, TEST_TOKEN } from './harness.ts';

// The standalone judge service as operators see it: /metrics with its own figures behind
// a token (and on a listener of its own), /health telling whether Docker answers.

const METRICS_TOKEN = 'judge-metrics-token-for-tests';
let registry: Registry;
let docker: DockerJudge;
let service: JudgeService;
let listener: MetricsListener;
let remote: RemoteJudge;

beforeAll(async () => {
  registry = new Registry();
  docker = await createDockerJudge({ sweepIntervalMs: 0, metrics: registry });
  service = await createJudgeService({
    judge: docker,
    token: TEST_TOKEN,
    port: 0,
    metrics: { registry, token: METRICS_TOKEN },
  });
  listener = await serveMetrics({ registry, host: '127.0.0.1', port: 0 });
  remote = new RemoteJudge({ url: service.url, token: TEST_TOKEN });
});
afterAll(async () => {
  await remote.close();
  await listener.close();
  await service.close();
  await docker.close();
});

describe('judge service /metrics', () => {
  it('refuses a scrape without the metrics token, and the judge token is not it', async () => {
    expect((await scrape(service.url)).status).toBe(401);
    expect((await scrape(service.url, TEST_TOKEN)).status).toBe(401);
    expect((await scrape(service.url, METRICS_TOKEN)).status).toBe(200);
  });

  it('counts runs and submissions by language and result, with queue waits and containers', async () => {
    expect(exitOf(await collect(remote, { ...python('print(1)'), requestId: 'ops-test.1' })).outcome).toBe('exited');
    const submitted = await submitAll(remote, submission('python', 'print(input())', [['5', '5']]));
    expect(submitted.at(-1)).toMatchObject({ type: 'finished', verdict: 'accepted' });
    expect(exitOf(await collect(remote, python('while True: pass', '', { timeMs: 300 }))).outcome).toBe('timeout');

    const { status, text } = await scrape(service.url, METRICS_TOKEN);
    expect(status).toBe(200);
    const language = 'python';
    expect(sample(text, 'codestream_judge_jobs_total', { kind: 'run', language, result: 'exited' })).toBe(1);
    expect(sample(text, 'codestream_judge_jobs_total', { kind: 'run', language, result: 'timeout' })).toBe(1);
    expect(sample(text, 'codestream_judge_jobs_total', { kind: 'submission', language, result: 'accepted' })).toBe(1);
    expect(sample(text, 'codestream_judge_job_duration_seconds_count', { kind: 'run' })).toBe(2);
    // The timed-out run took at least its 300 ms limit.
    expect(
      sample(text, 'codestream_judge_job_duration_seconds_bucket', { kind: 'run', result: 'timeout', le: '0.25' }),
    ).toBe(0);
    expect(sample(text, 'codestream_judge_queue_wait_seconds_count')).toBe(3);
    expect(sample(text, 'codestream_judge_containers_started_total', { language, pooled: 'false' })).toBe(3);
    // No pool configured here: takes are not counted as misses.
    expect(sample(text, 'codestream_judge_warm_pool_takes_total')).toBeUndefined();
    expect(sample(text, 'codestream_judge_queue_waiting')).toBe(0);
    expect(sample(text, 'codestream_judge_jobs_running')).toBe(0);
  });

  it('is served by a listener of its own, which answers nothing else', async () => {
    const { status, text } = await scrape(listener.url);
    expect(status).toBe(200);
    expect(sample(text, 'codestream_judge_jobs_total', { kind: 'run' })).toBeGreaterThanOrEqual(2);
    expect((await fetch(`${listener.url}/health`)).status).toBe(404);
    expect((await fetch(`${listener.url}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

describe('judge service /health', () => {
  it('is ok while Docker answers', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(await remote.checkReady()).toEqual([]);
  });

  it('answers 503 with the problem when Docker cannot be reached, which RemoteJudge passes on', async () => {
    const unreachable = await createDockerJudge({
      docker: new Docker({ socketPath: path.join('/nonexistent', 'docker.sock') }),
      sweepIntervalMs: 0,
    });
    const broken = await createJudgeService({ judge: unreachable, token: TEST_TOKEN, port: 0 });
    try {
      const response = await fetch(`${broken.url}/health`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { ok: boolean; problems: string[] };
      expect(body).toEqual({ ok: false, problems: [expect.stringMatching(/Docker cannot be reached/)] });
      const client = new RemoteJudge({ url: broken.url, token: TEST_TOKEN });
      expect(await client.checkReady()).toEqual([`The judge service is not ready: ${body.problems[0]}`]);
    } finally {
      await broken.close();
      await unreachable.close();
    }
  });
});
