import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { sample } from '../../test/support/metricsText.ts';
import { JudgeMetrics, jobResult } from './JudgeMetrics.ts';

describe('jobResult', () => {
  it('is a run’s outcome, a submission’s verdict, or stopped', () => {
    expect(jobResult({ type: 'exit', outcome: 'timeout', code: null, signal: 'SIGKILL', durationMs: 1 })).toBe(
      'timeout',
    );
    const finished = { type: 'finished', verdict: 'wrong-answer', passed: 0, total: 1, totalMs: 1 } as const;
    expect(jobResult(finished)).toBe('wrong-answer');
    expect(jobResult({ ...finished, verdict: 'internal-error', stopped: true })).toBe('stopped');
    expect(jobResult(undefined)).toBe('unfinished');
  });
});

describe('JudgeMetrics', () => {
  it('reads the queue when scraped and times only jobs that got a sandbox', async () => {
    const registry = new Registry();
    const queue = { waiting: 3, running: 2 };
    const metrics = new JudgeMetrics(registry, queue);
    metrics.jobEnded('run', 'python', 'exited', 150);
    metrics.jobEnded('run', 'python', 'error', undefined);
    metrics.queueWaited(0);
    const text = await registry.metrics();
    expect(sample(text, 'codestream_judge_queue_waiting')).toBe(3);
    expect(sample(text, 'codestream_judge_jobs_running')).toBe(2);
    expect(sample(text, 'codestream_judge_jobs_total', { kind: 'run' })).toBe(2);
    expect(sample(text, 'codestream_judge_job_duration_seconds_count', { kind: 'run' })).toBe(1);
    expect(sample(text, 'codestream_judge_job_duration_seconds_sum', { result: 'exited' })).toBe(0.15);
    expect(sample(text, 'codestream_judge_queue_wait_seconds_bucket', { le: '0' })).toBe(1);
  });
});
