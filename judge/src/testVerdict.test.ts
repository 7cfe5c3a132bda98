import { findLanguage } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import type { ExecResult } from './runner/runnerProtocol.ts';
import { resultStatus, runVerdict } from './testVerdict.ts';

const base: ExecResult = {
  code: 0,
  signal: 0,
  execErrno: 0,
  cpuUs: 1000,
  wallUs: 2000,
  maxRssKb: 9000,
  reason: 'none',
  outTotal: 0,
  errTotal: 0,
  outTruncated: false,
  errTruncated: false,
  stdout: Buffer.alloc(0),
  stderr: Buffer.alloc(0),
};
const limits = { timeMs: 1000, wallMs: 2000, memoryMb: 64 };
const spec = (id: string) => {
  const found = findLanguage(id);
  if (!found) throw new Error(`no language ${id}`);
  return found;
};
const [python, cpp, java] = [spec('python'), spec('cpp'), spec('java')];

describe('runVerdict', () => {
  it('leaves a clean exit to the checker', () => {
    expect(runVerdict(base, python, limits).verdict).toBeUndefined();
  });

  it('names the limit the runner enforced, before the signal it killed with', () => {
    expect(runVerdict({ ...base, code: null, signal: 9, reason: 'cpu' }, python, limits).verdict).toBe('time-limit');
    expect(runVerdict({ ...base, code: null, signal: 9, reason: 'wall' }, python, limits).verdict).toBe('time-limit');
    expect(runVerdict({ ...base, code: null, signal: 9, reason: 'oom' }, python, limits).verdict).toBe('memory-limit');
    expect(runVerdict({ ...base, reason: 'memory' }, python, limits).verdict).toBe('memory-limit');
    expect(runVerdict({ ...base, code: null, signal: 9, reason: 'stdout' }, python, limits).verdict).toBe(
      'output-limit',
    );
    expect(runVerdict({ ...base, code: null, signal: 9, reason: 'stderr' }, python, limits)).toEqual({
      verdict: 'output-limit',
      message: 'The program printed more than allowed to stderr.',
    });
  });

  it('says which time limit fired: the CPU time limit, or the looser wall-clock limit', () => {
    expect(runVerdict({ ...base, code: null, signal: 9, reason: 'cpu' }, python, limits).message).toBe(
      'CPU time limit of 1000 ms exceeded.',
    );
    expect(runVerdict({ ...base, code: null, signal: 9, reason: 'wall' }, python, limits).message).toBe(
      'Wall-clock time limit of 2000 ms exceeded (real time; the CPU time limit is 1000 ms).',
    );
  });

  it('reports crashes and non-zero exits as runtime errors', () => {
    expect(runVerdict({ ...base, code: null, signal: 11 }, python, limits)).toMatchObject({
      verdict: 'runtime-error',
      message: expect.stringContaining('SIGSEGV'),
    });
    expect(runVerdict({ ...base, code: 2 }, python, limits).verdict).toBe('runtime-error');
  });

  it('treats the runtime’s own out-of-memory failure as a memory limit', () => {
    const stderr = Buffer.from('Traceback...\nMemoryError\n');
    expect(runVerdict({ ...base, code: 1, stderr }, python, limits)).toEqual({
      verdict: 'memory-limit',
      message: expect.stringContaining('(MemoryError); the limit is 64 MB'),
    });
    // An uncaught bad_alloc aborts: the signal must not hide why.
    const badAlloc = Buffer.from("terminate called after throwing an instance of 'std::bad_alloc'");
    expect(runVerdict({ ...base, code: null, signal: 6, stderr: badAlloc }, cpp, limits).verdict).toBe('memory-limit');
    const heap = Buffer.from('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space');
    expect(runVerdict({ ...base, code: 1, stderr: heap }, java, limits).message).toContain('capped at 48 MB');
    expect(runVerdict({ ...base, code: 0, stderr: heap }, java, limits).verdict).toBeUndefined();
  });

  it('blames the judge when the program could not start', () => {
    expect(runVerdict({ ...base, code: 127, execErrno: 2 }, python, limits).verdict).toBe('internal-error');
  });
});

describe('resultStatus', () => {
  it('reports either the code or the signal name', () => {
    expect(resultStatus(base)).toEqual({ code: 0, signal: null });
    expect(resultStatus({ ...base, code: null, signal: 11 })).toEqual({ code: null, signal: 'SIGSEGV' });
  });
});
