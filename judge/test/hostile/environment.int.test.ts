import { expect, it } from 'vitest';
import { describeInProcessJudge, expectJudgeStillWorks, submission, submitAll, testEvents } from '../harness.ts';

describeInProcessJudge('hostile programs: network, environment, symlinks', (h) => {
  it('cannot resolve names or open TCP connections', async () => {
    const code = [
      'import socket',
      'results = []',
      'try:',
      '    socket.getaddrinfo("example.com", 80); results.append("dns")',
      'except OSError: pass',
      'for host in ("1.1.1.1", "10.0.0.1", "172.17.0.1"):',
      '    try:',
      '        socket.create_connection((host, 80), timeout=1); results.append(host)',
      '    except OSError: pass',
      'print(results)',
      '',
    ].join('\n');
    const events = await submitAll(h().judge, submission('python', code, [['', '[]']]));
    expect(testEvents(events)[0]?.verdict).toBe('accepted');
  });

  it('finds an empty environment, no Docker socket and no test data anywhere it can read', async () => {
    const code = [
      'import os',
      // os.environ may gain LC_CTYPE from python itself; what the process got is in /proc.
      'found = [v for v in open("/proc/self/environ", "rb").read().split(b"\\0") if v]',
      'for sock in ("/var/run/docker.sock", "/run/docker.sock"):',
      '    if os.path.exists(sock): found.append(sock)',
      'MARK = ("EXPECTED" + "-ANSWER").encode()',
      'for root in ("/work", "/tmp", "/dev/shm", "/run", "/var", "/etc", "/home", "/root"):',
      '    for dirpath, _, files in os.walk(root):',
      '        for name in files:',
      '            try:',
      '                if MARK in open(os.path.join(dirpath, name), "rb").read(1 << 20): found.append(name)',
      '            except OSError: pass',
      'print(found)',
      '',
    ].join('\n');
    const request = submission('python', code, [['', '[]']]);
    request.tests.push({ id: 'other', kind: 'hidden', input: '', expectedOutput: 'EXPECTED-ANSWER' });
    const events = await submitAll(h().judge, request);
    // The first test finds nothing; the second "fails" only because its expected output is the marker.
    expect(testEvents(events).map((t) => t.verdict)).toEqual(['accepted', 'wrong-answer']);
  });

  it('plants symlinks in the work dir without making the runner follow them', async () => {
    const code = [
      'import os',
      'n = int(input())',
      'if n == 1:',
      '    print(oct(os.stat("/work").st_mode & 0o7777))',
      '    os.remove("main.py")',
      '    os.symlink("/etc/passwd", "main.py")',
      '    os.symlink("/proc/1/environ", "input.txt")',
      '    os.symlink("/etc", "dir")',
      '    os.mkdir("locked"); os.chmod("locked", 0)',
      '    os.chmod("/work", 0o500)',
      '    print("planted", flush=True)',
      'else:',
      '    print(sorted(os.listdir("/work")), os.path.islink("main.py"), oct(os.stat("/work").st_mode & 0o7777))',
      '',
    ].join('\n');
    const events = await submitAll(
      h().judge,
      submission(
        'python',
        code,
        [
          ['1\n', ''],
          ['2\n', ''],
        ],
        { sample: true },
      ),
    );
    const [planted, after] = testEvents(events);
    const mode = planted?.output?.split('\n')[0];
    expect(planted?.output).toBe(`${mode}\nplanted\n`);
    // The work dir is back as it was: only the source, a regular file, and the original mode.
    expect(after?.output).toBe(`['main.py'] False ${mode}\n`);
    await expectJudgeStillWorks(h().judge);
  });
});
