import { expect, it } from 'vitest';
import {
  describeInProcessJudge,
  expectJudgeStillWorks,
  finishedOf,
  submission,
  submitAll,
  testEvents,
} from '../harness.ts';

describeInProcessJudge('hostile programs: memory, output, disk', (h) => {
  it('stops a memory bomb at the memory limit (Python, C and many processes)', async () => {
    const limits = { timeMs: 5_000, memoryMb: 64 };
    const py = await submitAll(
      h().judge,
      submission('python', 'x = []\nwhile True:\n    x.append(bytearray(1 << 20))\n', [['', '']], { limits }),
    );
    expect(testEvents(py)[0]?.verdict).toBe('memory-limit');
    const c = await submitAll(
      h().judge,
      submission(
        'c',
        '#include <stdlib.h>\n#include <string.h>\nint main(void){for(;;){char*p=malloc(1<<20);if(!p)return 3;memset(p,1,1<<20);}}\n',
        [['', '']],
        { limits },
      ),
    );
    expect(testEvents(c)[0]?.verdict).toBe('memory-limit');
    // 30 processes × 60 MB: each under the limit, together past the container's budget.
    const forks = [
      'import os, time',
      'for _ in range(30):',
      '    if os.fork() == 0:',
      '        data = bytearray(60 << 20)',
      '        time.sleep(10)',
      'time.sleep(10)',
      '',
    ].join('\n');
    const many = await submitAll(h().judge, submission('python', forks, [['', '']], { limits }));
    expect(['memory-limit', 'time-limit']).toContain(testEvents(many)[0]?.verdict);
    await expectJudgeStillWorks(h().judge);
  });

  it('stops a stdout flood at the output limit', async () => {
    const events = await submitAll(
      h().judge,
      submission('python', 'import sys\nwhile True:\n    sys.stdout.write("x" * 65536)\n', [['', '']]),
    );
    expect(testEvents(events)[0]?.verdict).toBe('output-limit');
    await expectJudgeStillWorks(h().judge);
  });

  it('stops a stderr flood at the output cap (as Run does), without sending it on', async () => {
    const events = await submitAll(
      h().judge,
      submission('python', 'import sys\nwhile True:\n    sys.stderr.write("e" * 65536)\n', [['', '']], {
        limits: { timeMs: 1_000, memoryMb: 64 },
        sample: true,
      }),
    );
    const [test] = testEvents(events);
    expect(test?.verdict).toBe('output-limit');
    expect(JSON.stringify(events).length).toBeLessThan(10_000);
    await expectJudgeStillWorks(h().judge);
  });

  it('lets a program fill /tmp and the work dir only up to their sizes, and cleans both for the next test', async () => {
    const code = [
      'import os',
      'n = int(input())',
      'if n == 1:',
      '    sizes = []',
      '    for d in ("/tmp", "/work", "/dev/shm"):',
      '        written = 0',
      '        try:',
      '            with open(d + "/fill", "wb") as f:',
      '                while written < (512 << 20):',
      '                    f.write(b"x" * (1 << 20)); f.flush(); written += 1 << 20',
      '        except OSError:',
      '            pass',
      '        sizes.append(written >> 20)',
      '    print(all(s <= 64 for s in sizes), sizes[1] > 0)',
      'else:',
      '    print(sorted(os.listdir("/work")), os.listdir("/tmp"), os.listdir("/dev/shm"))',
      '',
    ].join('\n');
    const events = await submitAll(
      h().judge,
      submission('python', code, [
        ['1\n', 'True True'],
        ['2\n', "['main.py'] [] []"],
      ]),
    );
    expect(testEvents(events).map((t) => t.verdict)).toEqual(['accepted', 'accepted']);
  });

  it('finds no trace of an earlier test’s input, files or IPC objects', async () => {
    const code = [
      'import ctypes, os, sys',
      'data = sys.stdin.read()',
      'libc = ctypes.CDLL(None)',
      'MARK = ("SEC" + "RET").encode()  # not spelled out: this source is in /work too',
      'if data.encode().startswith(MARK):',
      '    open("/work/leak", "w").write(data)',
      '    open("/tmp/leak", "w").write(data)',
      '    open("/dev/shm/leak", "w").write(data)',
      '    shm = libc.shmget(1234, 4096, 0o1600)  # IPC_CREAT | 0600',
      '    msg = libc.msgget(1235, 0o1600)',
      '    sem = libc.semget(1236, 1, 0o1600)',
      '    print("wrote" if min(shm, msg, sem) >= 0 else "no ipc")',
      'else:',
      '    found = []',
      '    for root in ("/work", "/tmp", "/dev/shm"):',
      '        for dirpath, _, files in os.walk(root):',
      '            for name in files:',
      '                try:',
      '                    if MARK in open(os.path.join(dirpath, name), "rb").read(): found.append(name)',
      '                except OSError: pass',
      '    for pid in os.listdir("/proc"):',
      '        if not pid.isdigit() or int(pid) == os.getpid(): continue',
      '        for what in ("cmdline", "environ", "mem"):',
      '            try:',
      '                if MARK in open("/proc/%s/%s" % (pid, what), "rb").read(1 << 20): found.append(what)',
      '            except OSError: pass',
      '        try:',
      '            found.extend(os.listdir("/proc/%s/fd" % pid))',
      '        except OSError: pass',
      '    for kind in ("shm", "msg", "sem"):',
      '        found += open("/proc/sysvipc/" + kind).read().splitlines()[1:]',
      '    print(found)',
      '',
    ].join('\n');
    const events = await submitAll(
      h().judge,
      submission('python', code, [
        ['SECRET-INPUT-1\n', 'wrote'],
        ['normal\n', '[]'],
      ]),
    );
    expect(testEvents(events).map((t) => t.verdict)).toEqual(['accepted', 'accepted']);
    expect(finishedOf(events).verdict).toBe('accepted');
  });
});
