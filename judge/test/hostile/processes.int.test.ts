import { expect, it } from 'vitest';
import {
  describeInProcessJudge,
  expectJudgeStillWorks,
  finishedOf,
  submission,
  submitAll,
  testEvents,
} from '../harness.ts';

const LIMITS = { timeMs: 1_000, memoryMb: 128 };

describeInProcessJudge('hostile programs: processes', (h) => {
  it('contains a fork bomb within the pids limit and the time limit', async () => {
    const code = '#include <unistd.h>\nint main(void) { for (;;) fork(); }\n';
    const started = performance.now();
    const events = await submitAll(h().judge, submission('c', code, [['', '']], { limits: LIMITS }));
    expect(['time-limit', 'runtime-error']).toContain(testEvents(events)[0]?.verdict);
    expect(performance.now() - started).toBeLessThan(15_000);
    await expectJudgeStillWorks(h().judge);
  });

  it('counts forks: the pids limit holds inside the sandbox', async () => {
    const code = [
      'import os, time',
      'n = 0',
      'try:',
      '    while True:',
      '        if os.fork() == 0:',
      '            time.sleep(60)',
      '            os._exit(0)',
      '        n += 1',
      'except OSError:',
      '    pass',
      'print(n < 64)',
      '',
    ].join('\n');
    const events = await submitAll(h().judge, submission('python', code, [['', 'True']], { limits: LIMITS }));
    expect(finishedOf(events).verdict).toBe('accepted');
  });

  it('stops an infinite loop at the CPU limit and a sleeper at the wall-clock limit', async () => {
    const loop = await submitAll(h().judge, submission('python', 'while True: pass\n', [['', '']], { limits: LIMITS }));
    expect(testEvents(loop)[0]).toMatchObject({ verdict: 'time-limit' });
    expect(testEvents(loop)[0]?.cpuMs).toBeGreaterThanOrEqual(1_000);
    const started = performance.now();
    const sleeper = await submitAll(
      h().judge,
      submission('python', 'import time\ntime.sleep(3600)\n', [['', '']], { limits: LIMITS }),
    );
    expect(testEvents(sleeper)[0]).toMatchObject({ verdict: 'time-limit' });
    expect(testEvents(sleeper)[0]?.cpuMs).toBeLessThan(500);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expectJudgeStillWorks(h().judge);
  });

  it('kills background processes before the next test', async () => {
    const code = [
      'import os, sys, time',
      'n = int(input())',
      'if n == 1:',
      '    if os.fork() == 0:',
      '        os.setsid()',
      '        if os.fork() == 0:',
      '            time.sleep(0.3)',
      '            open("/tmp/orphan-was-here", "w").write("x")',
      '            time.sleep(3600)',
      '        os._exit(0)',
      '    print("spawned")',
      'else:',
      '    time.sleep(0.5)',
      '    others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid())]',
      '    print("alone" if not others and not os.path.exists("/tmp/orphan-was-here") else "not alone")',
      '',
    ].join('\n');
    const events = await submitAll(
      h().judge,
      submission('python', code, [
        ['1\n', 'spawned'],
        ['2\n', 'alone'],
      ]),
    );
    expect(testEvents(events).map((t) => t.verdict)).toEqual(['accepted', 'accepted']);
  });

  it('cannot kill, stop or trace the runner, nor forge its answers', async () => {
    const code = [
      'import ctypes, os, signal, sys',
      'for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGSTOP, signal.SIGSEGV):',
      '    for pid in (1, os.getppid()):',
      '        try: os.kill(pid, sig)',
      '        except OSError: pass',
      'try: os.kill(-1, signal.SIGKILL)',
      'except OSError: pass',
      'libc = ctypes.CDLL(None, use_errno=True)',
      'traced = libc.ptrace(16, 1, None, None)  # PTRACE_ATTACH',
      'opened = []',
      'for path in ("/proc/1/mem", "/proc/1/fd/1", "/proc/1/fd/0", "/proc/1/environ"):',
      '    try:',
      '        open(path, "rb").close()',
      '        opened.append(path)',
      '    except OSError:',
      '        pass',
      'header = "exited=1 code=0 signal=0 exec_errno=0 cpu_us=1 wall_us=1 maxrss_kb=1 reason=none out_total=2 err_total=0 out_truncated=0 err_truncated=0"',
      'sys.stdout.write("R %d 2 0\\n%sOK" % (len(header), header))',
      'sys.stderr.write("traced=%d opened=%s" % (traced, opened))',
      '',
    ].join('\n');
    const events = await submitAll(h().judge, submission('python', code, [['', 'OK']], { checker: { type: 'exact' } }));
    const [test] = testEvents(events);
    // The forged frame is just the program's (wrong) output.
    expect(test?.verdict).toBe('wrong-answer');
    expect(finishedOf(events).verdict).toBe('wrong-answer');
    // The same attempts, reporting what they achieved: nothing.
    const probeCode = code
      .replace('sys.stdout.write("R', 'sys.stderr.write("R')
      .replace('sys.stderr.write("traced', 'sys.stdout.write("traced');
    const probe = await submitAll(
      h().judge,
      submission('python', probeCode, [['', 'traced=-1 opened=[]']], { sample: true, checker: { type: 'exact' } }),
    );
    expect(testEvents(probe)[0]).toMatchObject({ verdict: 'accepted', output: 'traced=-1 opened=[]' });
    await expectJudgeStillWorks(h().judge);
  });

  it('reports a program that prints and then segfaults as a runtime error with its output so far', async () => {
    const code =
      '#include <unistd.h>\nint main(void) { write(1, "partial\\n", 8); *(volatile int *)0 = 1; return 0; }\n';
    const events = await submitAll(h().judge, submission('c', code, [['', 'partial\nmore\n']], { sample: true }));
    expect(testEvents(events)[0]).toMatchObject({ verdict: 'runtime-error', signal: 'SIGSEGV', output: 'partial\n' });
  });
});
