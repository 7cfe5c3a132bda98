import { describe, expect, it } from 'vitest';
import { describeExitStatus, outcomeMessage, signalName, timeLimitMessage } from './exitStatus.ts';

describe('describeExitStatus', () => {
  it('keeps ordinary exit codes', () => {
    expect(describeExitStatus(0)).toEqual({ code: 0, signal: null });
    expect(describeExitStatus(3)).toEqual({ code: 3, signal: null });
    expect(describeExitStatus(128)).toEqual({ code: 128, signal: null });
  });

  it('maps 128 + N to the name of signal N', () => {
    expect(describeExitStatus(137)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(describeExitStatus(139)).toEqual({ code: null, signal: 'SIGSEGV' });
    expect(describeExitStatus(143)).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('keeps codes above 128 that name no signal', () => {
    expect(describeExitStatus(255)).toEqual({ code: 255, signal: null });
    expect(signalName(127)).toBeUndefined();
  });
});

describe('outcomeMessage', () => {
  const limits = { timeMs: 1500, memoryMb: 64, outputBytes: 65536 };
  it('names the limit that stopped the run', () => {
    expect(outcomeMessage('memory', limits)).toContain('64 MB');
    expect(outcomeMessage('output-limit', limits, 'stderr')).toContain('64 KB to stderr');
  });
});

describe('timeLimitMessage', () => {
  it('says which time limit stopped the run, and how much CPU time a program stopped by the clock used', () => {
    const limits = { timeMs: 2000 };
    expect(timeLimitMessage('cpu', limits, 2010)).toBe(
      'CPU time limit exceeded: the program used more than 2 s of CPU time and was stopped.',
    );
    expect(timeLimitMessage('wall', limits, 30)).toBe(
      'Wall-clock time limit exceeded: the program ran longer than 2 s and was stopped (it had used 0.03 s of CPU time).',
    );
  });
});
