import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, finishedOf, outputOf, submission, submitAll } from './harness.ts';

/** gcc reports each undeclared name once: hundreds of KB of errors, far past the 64 KiB kept. */
const NOISY_C = `int main(void) {\n${Array.from({ length: 6_000 }, (_, i) => `undefined_name_here_${i};`).join('\n')}\n}\n`;

// A compiler message cut at its cap says so, as cut program output does.
describeEachJudge('a compiler message cut at its cap', (h) => {
  it('is followed by a truncation notice in Run', async () => {
    const received = await collect(h().judge, { language: 'c', code: NOISY_C, stdin: '' });
    expect(outputOf(received, 'stderr')).toContain('undefined_name_here');
    const truncated = received.filter(({ event }) => event.type === 'truncated').map(({ event }) => event);
    expect(truncated).toEqual([{ type: 'truncated', stream: 'stderr', limitBytes: 64 * 1024 }]);
    expect(received.at(-2)?.event.type).toBe('truncated');
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', message: 'Compilation failed.' });
  });

  it('is marked in the compiled event of a submission', async () => {
    const events = await submitAll(h().judge, submission('c', NOISY_C, [['', '']]));
    expect(events.find((e) => e.type === 'compiled')).toMatchObject({ ok: false, truncatedAfterBytes: 64 * 1024 });
    expect(finishedOf(events)).toMatchObject({ verdict: 'compilation-error' });
  });

  it('is not marked when the whole message fits', async () => {
    const events = await submitAll(h().judge, submission('c', 'int main(void) { return nope; }\n', [['', '']]));
    const compiled = events.find((e) => e.type === 'compiled');
    expect(compiled).toMatchObject({ ok: false, message: expect.stringContaining('nope') });
    expect(compiled).not.toHaveProperty('truncatedAfterBytes');
    const received = await collect(h().judge, { language: 'c', code: 'int main(void) { return nope; }\n', stdin: '' });
    expect(received.some(({ event }) => event.type === 'truncated')).toBe(false);
  });
});
