import { findLanguageInfo } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { codeAfterLanguageSwitch, initialCode } from './languageSwitch.ts';

const py = findLanguageInfo('python')?.template ?? '';
const js = findLanguageInfo('javascript')?.template ?? '';

describe('codeAfterLanguageSwitch', () => {
  it('swaps an untouched template for the new one', () => {
    expect(codeAfterLanguageSwitch(py, 'python', 'javascript')).toBe(js);
    expect(codeAfterLanguageSwitch('  \n', 'python', 'javascript')).toBe(js);
  });

  it('keeps edited code', () => {
    expect(codeAfterLanguageSwitch(`${py}print(1)\n`, 'python', 'javascript')).toBeNull();
  });

  it('does nothing for the same or an unknown language', () => {
    expect(codeAfterLanguageSwitch(py, 'python', 'python')).toBeNull();
    expect(codeAfterLanguageSwitch(py, 'python', 'cobol')).toBeNull();
  });

  describe('in a room on a problem', () => {
    const starter = { python: 'def solve():\n    pass\n', javascript: 'function solve() {}\n' };

    it('swaps untouched starter code for the problem’s starter code of the new language', () => {
      expect(codeAfterLanguageSwitch(starter.python, 'python', 'javascript', starter)).toBe(starter.javascript);
      expect(codeAfterLanguageSwitch(starter.javascript, 'javascript', 'python', starter)).toBe(starter.python);
    });

    it('swaps an untouched template too, and falls back to the template without starter code', () => {
      expect(codeAfterLanguageSwitch(py, 'python', 'javascript', starter)).toBe(starter.javascript);
      expect(codeAfterLanguageSwitch('def f(): pass\n', 'python', 'javascript', { python: 'def f(): pass\n' })).toBe(
        js,
      );
    });

    it('keeps edited starter code', () => {
      expect(codeAfterLanguageSwitch(`${starter.python}# mine\n`, 'python', 'javascript', starter)).toBeNull();
    });
  });
});

describe('initialCode', () => {
  it('prefers the starter code over the template', () => {
    expect(initialCode('python', { python: 'x = 1\n' })).toBe('x = 1\n');
    expect(initialCode('javascript', { python: 'x = 1\n' })).toBe(js);
    expect(initialCode('cobol')).toBeUndefined();
  });
});
