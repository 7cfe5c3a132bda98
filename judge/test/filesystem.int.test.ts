import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, outputOf, python } from './harness.ts';

describeEachJudge('filesystem and identity', (h) => {
  it('runs as uid/gid 10001 without capabilities or new privileges', async () => {
    const code = [
      'import os',
      'print(os.getuid(), os.geteuid(), os.getgid(), os.getgroups())',
      'status = dict(l.split(":\\t", 1) for l in open("/proc/self/status").read().splitlines() if ":\\t" in l)',
      'print(status["CapEff"].strip(), status["CapBnd"].strip(), status["NoNewPrivs"].strip())',
      '',
    ].join('\n');
    const received = await collect(h().judge, python(code));
    expect(outputOf(received)).toBe('10001 10001 10001 [10001]\n0000000000000000 0000000000000000 1\n');
  });

  it('has a read-only root and a writable /work and /tmp', async () => {
    const code = [
      'import os',
      'print("root read-only", bool(os.statvfs("/").f_flag & os.ST_RDONLY))',
      'for path in ["/etc/evil", "/usr/bin/evil", "/evil"]:',
      '    try:',
      '        open(path, "w")',
      '        print("wrote", path)',
      '    except OSError:',
      '        pass',
      'print("cwd", os.getcwd())',
      'open("/work/out.txt", "w").write("ok")',
      'open("/tmp/out.txt", "w").write("ok")',
      'print("work", open("/work/out.txt").read(), "tmp", open("/tmp/out.txt").read())',
      '',
    ].join('\n');
    const received = await collect(h().judge, python(code));
    expect(outputOf(received)).toBe('root read-only True\ncwd /work\nwork ok tmp ok\n');
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0 });
  });

  it('limits the size of the work dir', async () => {
    const code = [
      'written = 0',
      'try:',
      '    with open("/work/big", "wb") as f:',
      '        for _ in range(200):',
      '            f.write(b"x" * (1 << 20))',
      '            f.flush()',
      '            written += 1',
      'except OSError as e:',
      '    print("stopped at", written, "MB")',
      '',
    ].join('\n');
    const received = await collect(h().judge, python(code, '', { memoryMb: 256 }));
    const match = /^stopped at (\d+) MB\n$/.exec(outputOf(received));
    expect(match, outputOf(received, 'stderr')).not.toBeNull();
    expect(Number(match?.[1])).toBeLessThanOrEqual(64);
  });

  it('keeps nothing between runs', async () => {
    await collect(h().judge, python('open("/work/left.txt", "w").write("secret")\n'));
    const received = await collect(h().judge, python('import os\nprint(os.listdir("/work"))\n'));
    expect(outputOf(received)).toBe("['main.py']\n");
  });
});
