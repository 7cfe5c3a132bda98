import { VERDICTS } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import {
  formatMemory,
  formatMs,
  OVERALL_VERDICT_RULE,
  overallVerdictInfo,
  testVerdictLabel,
  VERDICT_INFO,
} from './verdicts.ts';

describe('VERDICT_INFO', () => {
  it('names every verdict of the protocol, and only accepted is a success', () => {
    expect(Object.keys(VERDICT_INFO).sort()).toEqual([...VERDICTS].sort());
    expect(VERDICTS.filter((v) => VERDICT_INFO[v].tone === 'success')).toEqual(['accepted']);
    expect(VERDICT_INFO['time-limit'].label).toBe('Time Limit Exceeded');
    expect(VERDICT_INFO['output-limit'].label).toBe('Output Limit Exceeded');
  });
});

describe('overallVerdictInfo', () => {
  it('shows a stopped submission as Stopped, in a muted tone, not as an Internal Error', () => {
    const stopped = overallVerdictInfo({ verdict: 'internal-error', stopped: true });
    expect(stopped.label).toBe('Stopped');
    expect(stopped.tone).toBe('muted');
    expect(VERDICTS.map((v) => VERDICT_INFO[v].tone)).not.toContain('muted');
    expect(OVERALL_VERDICT_RULE).toContain('Stopped');
  });

  it('shows any other submission by its verdict', () => {
    expect(overallVerdictInfo({ verdict: 'internal-error' })).toBe(VERDICT_INFO['internal-error']);
    expect(overallVerdictInfo({ verdict: 'internal-error', stopped: false }).label).toBe('Internal Error');
    expect(overallVerdictInfo({ verdict: 'accepted' }).label).toBe('Accepted');
  });
});

describe('testVerdictLabel', () => {
  it('says what ended a crashed program: a signal, else the exit code', () => {
    expect(testVerdictLabel({ verdict: 'runtime-error', signal: 'SIGSEGV', exitCode: 139 })).toBe(
      'Runtime Error (SIGSEGV)',
    );
    expect(testVerdictLabel({ verdict: 'runtime-error', exitCode: 3 })).toBe('Runtime Error (exit code 3)');
    expect(testVerdictLabel({ verdict: 'runtime-error' })).toBe('Runtime Error');
  });

  it('leaves other verdicts as they are', () => {
    expect(testVerdictLabel({ verdict: 'wrong-answer', exitCode: 0 })).toBe('Wrong Answer');
    expect(testVerdictLabel({ verdict: 'time-limit', signal: 'SIGKILL' })).toBe('Time Limit Exceeded');
  });
});

describe('formatMemory', () => {
  it('uses KB below a megabyte and MB above', () => {
    expect(formatMemory(850.4)).toBe('850 KB');
    expect(formatMemory(12_700)).toBe('12.4 MB');
    expect(formatMemory(300 * 1024)).toBe('300 MB');
    expect(formatMemory(Number.NaN)).toBe('—');
  });
});

describe('formatMs', () => {
  it('rounds to whole milliseconds', () => {
    expect(formatMs(12.6)).toBe('13 ms');
    expect(formatMs(-1)).toBe('—');
  });
});
