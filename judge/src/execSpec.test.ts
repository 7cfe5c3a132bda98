import { LANGUAGES } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { compileExec, expandPlaceholders, programExec, testWallMs } from './execSpec.ts';

const find = (id: string) => {
  const language = LANGUAGES.find((l) => l.id === id);
  if (!language) throw new Error(id);
  return language;
};
const compile = { timeMs: 10_000, messageBytes: 65_536, fsizeKb: 65_536, memoryMb: 768 };
const limits = { cpuMs: 1_000, wallMs: 2_000, memoryMb: 256, fsizeKb: 65_536 };

describe('execSpec', () => {
  it('expands memory placeholders', () => {
    expect(expandPlaceholders('-Xmx{heapMb}m', 256)).toBe('-Xmx192m');
    expect(expandPlaceholders('{memoryMb}MiB', 64)).toBe('64MiB');
    expect(expandPlaceholders('-Xmx{heapMb}m', 16)).toBe('-Xmx16m');
  });

  it('builds no compile step for interpreted languages and a capped one for compiled ones', () => {
    expect(compileExec(find('python'), compile, 256)).toBeUndefined();
    // The compiler's memory is its own limit, not the test's 256 MB.
    const c = compileExec(find('c'), compile, 256);
    expect(c).toMatchObject({ compile: true, cpuMs: 10_000, wallMs: 15_000, memKb: 768 * 1024, outCap: 65_536 });
    expect(c?.env).toContain('TMPDIR=/tmp');
    expect(compileExec(find('go'), compile, 256)?.argv).toEqual(['/usr/local/bin/go-build']);
  });

  it('gives the JVM compilers of Kotlin and Scala their compile time factor', () => {
    expect(compileExec(find('kotlin'), compile, 256)).toMatchObject({ cpuMs: 30_000, wallMs: 45_000 });
    expect(compileExec(find('scala'), compile, 256)).toMatchObject({ cpuMs: 30_000, wallMs: 45_000 });
  });

  it('gives a Java program a heap that fits its memory limit', () => {
    const spec = programExec(find('java'), limits, {
      mode: 'capture',
      input: Buffer.alloc(0),
      outputBytes: 1,
    });
    expect(spec.argv).toContain('-Xmx192m');
    expect(spec.memKb).toBe(256 * 1024);
  });

  it('lets the stack grow to the memory limit, except where a language sets its own', () => {
    const io = { mode: 'capture', input: Buffer.alloc(0), outputBytes: 1 } as const;
    expect(programExec(find('python'), limits, io).stackKb).toBe(256 * 1024);
    expect(programExec(find('ruby'), limits, io).stackKb).toBe(16 * 1024);
  });

  it('stops at either output cap, streamed for Run and captured for submissions', () => {
    const python = find('python');
    const run = programExec(python, limits, { mode: 'stream', input: Buffer.from('x'), outputBytes: 100 });
    expect(run).toMatchObject({ stream: true, outCap: 100, errCap: 100, outFatal: true, errFatal: true });
    expect(run.argv).toEqual(['/usr/bin/python3', '-u', 'main.py']);
    expect(run.env).toEqual([]);
    const judged = programExec(python, limits, { mode: 'capture', input: Buffer.alloc(0), outputBytes: 9 });
    expect(judged).toMatchObject({ stream: false, outCap: 9, errCap: 9, outFatal: true, errFatal: true });
    expect(judged.argv).toEqual(['/usr/bin/python3', 'main.py']);
  });

  it('lets a sleeping program run at most about twice its time limit', () => {
    expect(testWallMs(500)).toBe(1_500);
    expect(testWallMs(3_000)).toBe(6_000);
  });
});
