import { LANGUAGES } from '@codestream/shared';
import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, outputOf, python } from './harness.ts';

// Every language's template runs in languages.int.test.ts; this runs one through each judge.
describeEachJudge('running programs', (h) => {
  it('runs the Python template with stdin', async () => {
    const received = await collect(h().judge, {
      language: 'python',
      code: LANGUAGES[0].template,
      stdin: 'CodeStream\n',
    });
    expect(received[0]?.event.type).toBe('started');
    expect(outputOf(received)).toBe('Hello, CodeStream!\n');
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0, signal: null });
  });

  it('gives python all of stdin, after the code, byte for byte', async () => {
    const stdin = '3\n10 20 30\nünïcödé ✓\n';
    const code =
      'import sys\nlines = sys.stdin.read().split("\\n")\nprint(sum(map(int, lines[1].split())))\nprint(lines[2])\n';
    const received = await collect(h().judge, python(code, stdin));
    expect(outputOf(received)).toBe('60\nünïcödé ✓\n');
  });

  it('gives node stdin', async () => {
    const code =
      "const s = require('fs').readFileSync(0, 'utf8'); console.log(s.trim().split(/\\s+/).map(Number).reduce((a, b) => a * b, 1));";
    const received = await collect(h().judge, { language: 'javascript', code, stdin: '6 7\n' });
    expect(outputOf(received)).toBe('42\n');
    expect(exitOf(received).outcome).toBe('exited');
  });

  it('reports stderr and a non-zero exit code', async () => {
    const received = await collect(h().judge, python('import sys\nprint("oops", file=sys.stderr)\nsys.exit(3)\n'));
    expect(outputOf(received, 'stderr')).toBe('oops\n');
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 3, signal: null });
  });

  it('reports the signal that killed the program', async () => {
    const received = await collect(h().judge, python('import ctypes\nctypes.string_at(0)\n'));
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: null, signal: 'SIGSEGV' });
  });

  it('finishes a program that ignores a large stdin', async () => {
    const received = await collect(h().judge, python('print("done")\n', 'x'.repeat(1024 * 1024)));
    expect(outputOf(received)).toBe('done\n');
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0 });
  });

  it('reports a syntax error as the program’s own failure', async () => {
    const received = await collect(h().judge, python('def broken(:\n'));
    expect(outputOf(received, 'stderr')).toContain('SyntaxError');
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 1 });
  });
});
