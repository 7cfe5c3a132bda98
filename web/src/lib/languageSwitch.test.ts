import { findLanguage } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { codeAfterLanguageSwitch } from './languageSwitch.ts';

const py = findLanguage('python')?.template ?? '';
const js = findLanguage('javascript')?.template ?? '';

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
});
