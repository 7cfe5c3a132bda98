import type { ExitEvent } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { describeExit, formatDuration } from './exitStatus.ts';

function exit(partial: Partial<ExitEvent>): ExitEvent {
  return { type: 'exit', outcome: 'exited', code: 0, signal: null, durationMs: 42, ...partial };
}

describe('describeExit', () => {
  it('reports a clean exit as success', () => {
    expect(describeExit(exit({}))).toEqual({ text: 'Exited with code 0', tone: 'success' });
  });

  it('reports a non-zero code as failure', () => {
    expect(describeExit(exit({ code: 3 }))).toEqual({ text: 'Exited with code 3', tone: 'failure' });
  });

  it('names the signal that killed the program', () => {
    expect(describeExit(exit({ code: null, signal: 'SIGSEGV' })).text).toBe('Killed by SIGSEGV');
  });

  it('recovers the time limit from the measured duration', () => {
    expect(describeExit(exit({ outcome: 'timeout', code: null, signal: 'SIGKILL', durationMs: 10_037 })).text).toBe(
      'Time limit exceeded (10 s)',
    );
    expect(describeExit(exit({ outcome: 'timeout', durationMs: 2_500 })).text).toBe('Time limit exceeded (2.5 s)');
    expect(describeExit(exit({ outcome: 'timeout', durationMs: 500 })).text).toBe('Time limit exceeded (500 ms)');
  });

  it('describes every limit and the stop button', () => {
    expect(describeExit(exit({ outcome: 'memory' })).text).toBe('Memory limit exceeded');
    expect(describeExit(exit({ outcome: 'output-limit' })).text).toBe('Output limit exceeded');
    expect(describeExit(exit({ outcome: 'stopped' }))).toEqual({ text: 'Stopped by user', tone: 'neutral' });
  });

  it('says when the compile step failed, not the program', () => {
    expect(describeExit(exit({ code: 1, message: 'Compilation failed.' }))).toEqual({
      text: 'Compilation failed (exit code 1)',
      tone: 'failure',
    });
    const slow = exit({
      outcome: 'timeout',
      durationMs: 10_000,
      message: 'Compilation took longer than 10 s and was stopped.',
    });
    expect(describeExit(slow)).toEqual({
      text: 'Time limit exceeded (10 s)',
      tone: 'failure',
      detail: 'Compilation took longer than 10 s and was stopped.',
    });
  });

  it('leaves out a judge message that repeats the status', () => {
    const timeout = exit({
      outcome: 'timeout',
      durationMs: 5_000,
      message: 'Time limit exceeded: the program ran longer than 5 s and was stopped.',
    });
    expect(describeExit(timeout).detail).toBeUndefined();
    expect(describeExit(exit({ outcome: 'memory', message: 'The compiler ran out of memory.' })).detail).toBe(
      'The compiler ran out of memory.',
    );
  });

  it('includes the judge message for internal errors', () => {
    expect(describeExit(exit({ outcome: 'error', message: 'Docker is not running' })).text).toBe(
      'Internal error: Docker is not running',
    );
    expect(describeExit(exit({ outcome: 'error' })).text).toMatch(/^Internal error: /);
  });
});

describe('formatDuration', () => {
  it('uses ms, seconds and minutes', () => {
    expect(formatDuration(85.4)).toBe('85 ms');
    expect(formatDuration(1240)).toBe('1.24 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
