import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, python } from './harness.ts';

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
