import { type Judge, type RunEvent, StdinChannel } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachJudge, exitOf, outputOf, python, type ReceivedEvent } from './harness.ts';
import { expectNoContainersLeft, testId, useJudgeQueue } from './queueHarness.ts';

/** Short, so the idle limit is tested in seconds; the wall-clock limit (1.5 s) is shorter still. */
const IDLE_MS = 2_000;
const LIMITS = { timeMs: 1_500 };
/** Lines typed one after another (each answered, then 120 ms): more than a second in all. */
const LINES = 10;

const GREETER = [
  'import sys',
  'print("name?", flush=True)',
  'for line in sys.stdin:',
  '    print("hi", line.strip(), flush=True)',
  'print("bye", flush=True)',
].join('\n');

/** Runs `code` with live stdin; `onOutput` sees the stdout so far after each event and may type. */
async function liveRun(
  judge: Judge,
  code: string,
  stdin: string,
  onOutput: (output: string, input: StdinChannel) => void = () => {},
): Promise<ReceivedEvent[]> {
  const input = new StdinChannel();
  const received: ReceivedEvent[] = [];
  try {
    for await (const event of judge.run(python(code, stdin, LIMITS), new AbortController().signal, { stdin: input })) {
      received.push({ event, at: performance.now() });
      if (event.type === 'output') onOutput(outputOf(received), input);
    }
  } finally {
    input.end();
  }
  return received;
}

function inputs(received: ReceivedEvent[]): Array<Extract<RunEvent, { type: 'input' }>> {
  return received.flatMap(({ event }) => (event.type === 'input' ? [event] : []));
}

function liveInputTests(judge: () => Judge): void {
  it('takes typed lines while the program runs, echoes them before its answer, and ends its input on EOF', async () => {
    let typed = 0;
    let answered = 0;
    const received = await liveRun(judge(), GREETER, 'first\n', (output, input) => {
      // Typed after longer than the wall-clock limit: waiting for input does not count toward it.
      if (output.endsWith('hi first\n') && typed++ === 0) {
        setTimeout(() => input.push({ data: 'ann\n', by: 'Ann' }), 1_700);
      }
      // Then lines one by one, each answered: together longer than the wall-clock limit,
      // they cost it only the time the program computes.
      const lines = output.split('\n').length;
      if (!output.endsWith('\n') || lines < 4 || lines === answered) return;
      answered = lines;
      if (lines < 4 + LINES) setTimeout(() => input.push({ data: `${lines}\n` }), 120);
      else input.push({ data: 'bo', eof: true, by: 'Bo' });
    });
    const numbered = Array.from({ length: LINES }, (_, i) => `hi ${i + 4}\n`).join('');
    expect(outputOf(received)).toBe(`name?\nhi first\nhi ann\n${numbered}hi bo\nbye\n`);
    expect(inputs(received)).toEqual([
      { type: 'input', data: 'ann\n', by: 'Ann' },
      ...Array.from({ length: LINES }, (_, i) => ({ type: 'input', data: `${i + 4}\n` })),
      { type: 'input', data: 'bo', eof: true, by: 'Bo' },
    ]);
    const order = received.map(({ event }) => (event.type === 'input' ? `in:${event.data}` : event.type));
    expect(order.indexOf('in:ann\n')).toBeLessThan(order.lastIndexOf('output'));
    const exit = exitOf(received);
    expect(exit).toMatchObject({ outcome: 'exited', code: 0 });
    expect(exit.durationMs).toBeGreaterThan(1_700 + 120 * LINES);
  });

  it('keeps input typed before the program started (queued, starting) for it', async () => {
    const input = new StdinChannel();
    input.push({ data: 'early\n', eof: true });
    const received: ReceivedEvent[] = [];
    const run = judge().run(
      python('import sys\nprint(sys.stdin.read().upper())\n', '', LIMITS),
      new AbortController().signal,
      {
        stdin: input,
      },
    );
    for await (const event of run) received.push({ event, at: performance.now() });
    expect(outputOf(received)).toBe('EARLY\n\n');
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0 });
  });

  it('stops a program that waits for input longer than the idle limit, and says so', async () => {
    const started = performance.now();
    const received = await liveRun(judge(), 'print(input())\nprint(input())\n', 'one\n');
    expect(outputOf(received)).toBe('one\n');
    const exit = exitOf(received);
    expect(exit.outcome).toBe('timeout');
    expect(exit.message).toMatch(/^Idle limit exceeded: .* 2 s/);
    expect(performance.now() - started).toBeGreaterThan(IDLE_MS);
  });

  it('keeps the wall-clock limit for a program that computes instead of reading', async () => {
    const received = await liveRun(judge(), 'while True: pass\n', '');
    const exit = exitOf(received);
    expect(exit.outcome).toBe('timeout');
    expect(exit.message).not.toMatch(/Idle/);
  });
}

describeEachJudge('live stdin', (harness) => liveInputTests(() => harness().judge), { idleLimitMs: IDLE_MS });

describe('live stdin (QueueJudge → judge worker)', () => {
  const queue = useJudgeQueue();
  const workerId = testId('stdin');
  let judge: Judge;
  beforeAll(async () => {
    await queue.worker(workerId, 1, undefined, { idleLimitMs: IDLE_MS });
    judge = queue.judge();
  });
  expectNoContainersLeft(workerId);
  liveInputTests(() => judge);
});
