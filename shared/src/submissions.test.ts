import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages.ts';
import { overallVerdict, submitEventSchema, submitRequestSchema } from './submissions.ts';

describe('overallVerdict', () => {
  it('follows the documented rule', () => {
    expect(overallVerdict(false, [])).toBe('compilation-error');
    expect(overallVerdict(true, ['accepted', 'accepted'])).toBe('accepted');
    expect(overallVerdict(true, ['accepted', 'time-limit', 'wrong-answer'])).toBe('time-limit');
    expect(overallVerdict(true, ['wrong-answer', 'internal-error'])).toBe('internal-error');
    expect(overallVerdict(true, [])).toBe('accepted');
  });
});

describe('submitRequestSchema', () => {
  const valid = {
    language: 'cpp',
    code: 'int main(){}',
    tests: [{ id: '1', kind: 'sample', input: '', expectedOutput: '' }],
    checker: { type: 'float', absTolerance: 1e-6, relTolerance: 0 },
    limits: { timeMs: 1000, memoryMb: 256 },
    stopAtFirstFailure: true,
  };

  it('accepts every checker type, including custom ones', () => {
    expect(submitRequestSchema.safeParse(valid).success).toBe(true);
    const custom = { ...valid, checker: { type: 'custom', language: 'python', code: 'import sys' } };
    expect(submitRequestSchema.safeParse(custom).success).toBe(true);
  });

  it('rejects unknown languages, empty test lists and negative tolerances', () => {
    expect(submitRequestSchema.safeParse({ ...valid, language: 'cobol' }).success).toBe(false);
    expect(submitRequestSchema.safeParse({ ...valid, tests: [] }).success).toBe(false);
    expect(
      submitRequestSchema.safeParse({ ...valid, checker: { type: 'float', absTolerance: -1, relTolerance: 0 } })
        .success,
    ).toBe(false);
  });
});

describe('submitEventSchema', () => {
  it('parses every event type', () => {
    for (const event of [
      { type: 'queued', position: 2 },
      { type: 'compiling' },
      { type: 'compiled', ok: false, message: 'error' },
      {
        type: 'test',
        index: 0,
        id: 't',
        kind: 'hidden',
        verdict: 'runtime-error',
        cpuMs: 1,
        wallMs: 2,
        memoryKb: 3,
        signal: 'SIGSEGV',
      },
      { type: 'finished', verdict: 'accepted', passed: 1, total: 1, totalMs: 5 },
      { type: 'finished', verdict: 'internal-error', passed: 0, total: 1, totalMs: 5, stopped: true },
    ]) {
      expect(submitEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
    }
  });

  it('keeps the stopped flag of a finished event', () => {
    const stopped = { type: 'finished', verdict: 'internal-error', passed: 0, total: 2, totalMs: 9, stopped: true };
    expect(submitEventSchema.parse(stopped)).toEqual(stopped);
  });
});

describe('language catalog', () => {
  it('has twenty languages, each with a template, a run command and a measured version', () => {
    expect(LANGUAGES.map((l) => l.id)).toEqual([
      'python',
      'javascript',
      'typescript',
      'c',
      'cpp',
      'java',
      'go',
      'rust',
      'csharp',
      'kotlin',
      'scala',
      'haskell',
      'ocaml',
      'ruby',
      'php',
      'lua',
      'perl',
      'bash',
      'r',
      'elixir',
    ]);
    for (const language of LANGUAGES) {
      expect(language.template).toContain('Hello, ');
      expect(language.run[0]?.startsWith('/')).toBe(true);
      expect(language.version).toMatch(/\d+\.\d+/);
      if (language.compile) expect(language.compile[0]?.startsWith('/')).toBe(true);
    }
  });
});
