import type { SubmitRequest } from '@codestream/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QueueJudge } from '../src/queue/QueueJudge.ts';
import { describeEachJudge, describeInProcessJudge, finishedOf, submission, submitAll, testEvents } from './harness.ts';
import { expectNoContainersLeft, testId, useJudgeQueue } from './queueHarness.ts';

/** Guess the number in the test's input (Kattis protocol): "higher", "lower" or "correct". */
const INTERACTOR = [
  'import sys',
  'secret = int(open(sys.argv[1]).read())',
  'assert open(sys.argv[2]).read().strip() == "expected"',
  'for guesses in range(1, 11):',
  '    line = sys.stdin.readline()',
  '    if not line:',
  '        break',
  '    guess = int(line)',
  '    if guess == secret:',
  '        print("correct", flush=True)',
  '        open(sys.argv[3] + "judgemessage.txt", "w").write(f"found in {guesses}")',
  '        sys.exit(42)',
  '    print("higher" if guess < secret else "lower", flush=True)',
  'open(sys.argv[3] + "judgemessage.txt", "w").write("not found")',
  'sys.exit(43)',
  '',
].join('\n');

/** Binary search over 1..1000, in C (its stdout is a pipe: it must flush). */
const SOLVER = `#include <stdio.h>
#include <string.h>
int main(void) {
  int lo = 1, hi = 1000;
  char answer[32];
  for (;;) {
    int mid = (lo + hi) / 2;
    printf("%d\\n", mid);
    fflush(stdout);
    if (scanf("%31s", answer) != 1 || !strcmp(answer, "correct")) return 0;
    if (!strcmp(answer, "higher")) lo = mid + 1; else hi = mid - 1;
  }
}
`;

function interactive(language: SubmitRequest['language'], code: string, interactor = INTERACTOR): SubmitRequest {
  return submission(
    language,
    code,
    [
      ['1\n', 'expected\n'],
      ['777\n', 'expected\n'],
    ],
    {
      checker: { type: 'interactive', language: 'python', code: interactor },
      limits: { timeMs: 1_000, memoryMb: 256 },
      sample: true,
    },
  );
}

describeEachJudge('interactive problems', (h) => {
  it('relays the dialogue between program and interactor, test after test, and takes its verdict', async () => {
    const events = await submitAll(h().judge, interactive('c', SOLVER));
    const tests = testEvents(events);
    expect(tests.map((t) => t.verdict)).toEqual(['accepted', 'accepted']);
    expect(tests[0]?.message).toBe('found in 9');
    expect(tests[1]?.output).toContain('500\n');
    expect(finishedOf(events)).toMatchObject({ verdict: 'accepted', passed: 2 });
  });

  it('gives the interactor’s wrong answer, also over the program’s failing on the closed input', async () => {
    // Always guesses 1: the second test runs out of guesses; the program then reads EOF and crashes.
    const events = await submitAll(
      h().judge,
      interactive('python', 'while True:\n    print(1, flush=True)\n    if input() == "correct":\n        break\n'),
    );
    const tests = testEvents(events);
    expect(tests.map((t) => t.verdict)).toEqual(['accepted', 'wrong-answer']);
    expect(tests[1]?.message).toBe('not found');
  });

  it('stops a program that stops answering at its time limit, and an interactor that fails is an internal error', async () => {
    const stuck = await submitAll(
      h().judge,
      interactive('python', 'import time\nprint(500, flush=True)\ntime.sleep(60)\n'),
    );
    expect(testEvents(stuck)[0]).toMatchObject({ verdict: 'time-limit' });
    const broken = await submitAll(
      h().judge,
      interactive('python', 'print(500, flush=True)\n', 'import sys\nsys.exit(3)\n'),
    );
    expect(testEvents(broken)[0]).toMatchObject({
      verdict: 'internal-error',
      message: 'The interactor failed (exit code 3).',
    });
    expect(finishedOf(broken).verdict).toBe('internal-error');
  });
});

describeInProcessJudge('interactors that misbehave', (h) => {
  it('stops an interactor that hangs at its wall-clock limit (the program’s plus 5 s): internal error', async () => {
    const started = performance.now();
    const events = await submitAll(
      h().judge,
      interactive('python', 'print(500, flush=True)\n', 'import time\ntime.sleep(60)\n'),
    );
    expect(testEvents(events)[0]).toMatchObject({
      verdict: 'internal-error',
      message: 'The interactor failed (stopped at its wall limit).',
    });
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('gives a program that does not read what the interactor floods it with its time limit', async () => {
    // 4 MiB, past what the program's runner holds unread (1 MiB): the rest waits on the host.
    const flood =
      'import sys\nfor _ in range(64):\n    sys.stdout.write("x" * 65536)\nsys.stdout.flush()\nsys.exit(43)\n';
    const events = await submitAll(h().judge, interactive('python', 'import time\ntime.sleep(60)\n', flood));
    expect(testEvents(events)[0]).toMatchObject({ verdict: 'time-limit' });
  });
});

describe('interactive problems through the Redis queue', () => {
  const queue = useJudgeQueue();
  const workerId = testId('interactive');
  let judge: QueueJudge;
  beforeAll(async () => {
    await queue.worker(workerId);
    judge = queue.judge();
  });
  expectNoContainersLeft(workerId);

  it('carries the interactor in the job and judges the dialogue', async () => {
    const events = await submitAll(judge, interactive('c', SOLVER));
    expect(finishedOf(events)).toMatchObject({ verdict: 'accepted', passed: 2 });
  });
});
