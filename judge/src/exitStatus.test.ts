import { describe, expect, it } from 'vitest';
import { describeExitStatus, outcomeMessage, signalName } from './exitStatus.ts';

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
    expect(outcomeMessage('timeout', limits)).toContain('1.5 s');
    expect(outcomeMessage('memory', limits)).toContain('64 MB');
    expect(outcomeMessage('output-limit', limits, 'stderr')).toContain('64 KB to stderr');
  });
});
