import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, finishedOf, python, submission, submitAll } from './harness.ts';

describeEachJudge('stopping a run', (h) => {
  it('stops a running program quickly when the signal fires', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const received = await collect(h().judge, python('print("go", flush=True)\nwhile True:\n    pass\n'), {
      signal: controller.signal,
      onEvent(event) {
        if (event.type === 'output') {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    const exit = exitOf(received);
    expect(exit.outcome).toBe('stopped');
    expect(exit.message).toBeTruthy();
    expect((received.at(-1)?.at ?? 0) - abortedAt).toBeLessThan(1_000);
    expect(exit.durationMs).toBeLessThan(3_000);
  });

  it('does not start a run whose signal already fired', async () => {
    const received = await collect(h().judge, python('print("never")\n'), { signal: AbortSignal.abort() });
    expect(received.map(({ event }) => event.type)).toEqual(['exit']);
    expect(exitOf(received)).toMatchObject({ outcome: 'stopped', durationMs: 0 });
  });

  it('removes the container when the consumer stops iterating early', async () => {
    for await (const event of h().judge.run(python('while True:\n    pass\n'), new AbortController().signal)) {
      if (event.type === 'started') break;
    }
    // The harness's afterEach asserts that no container of this judge is left.
  });
});

describeEachJudge('stopping a submission', (h) => {
  it('marks a submission stopped while it runs', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const events = await submitAll(
      h().judge,
      submission(
        'python',
        'while True:\n    pass\n',
        [
          ['', ''],
          ['', ''],
        ],
        { limits: { timeMs: 8_000, memoryMb: 64 } },
      ),
      { signal: controller.signal },
    );
    expect(events.some((e) => e.type === 'test')).toBe(false);
    expect(finishedOf(events)).toMatchObject({ verdict: 'internal-error', passed: 0, total: 2, stopped: true });
  });

  it('does not start a submission whose signal already fired', async () => {
    const events = await submitAll(h().judge, submission('python', 'print(1)\n', [['', '1']]), {
      signal: AbortSignal.abort(),
    });
    expect(finishedOf(events)).toMatchObject({ verdict: 'internal-error', stopped: true });
  });

  it('leaves the flag off a submission that ran to the end', async () => {
    const events = await submitAll(h().judge, submission('python', 'print(1)\n', [['', '1']]));
    expect(finishedOf(events)).toMatchObject({ verdict: 'accepted' });
    expect(finishedOf(events).stopped).toBeUndefined();
  });
});
