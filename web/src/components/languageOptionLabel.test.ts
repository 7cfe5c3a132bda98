import { LANGUAGE_INFO } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { languageOptionLabel } from './LanguagePicker.tsx';

describe('languageOptionLabel', () => {
  it('names every catalog language with its version, once', () => {
    for (const language of LANGUAGE_INFO) {
      const text = languageOptionLabel(language);
      expect(text, language.id).toContain(language.label);
      expect(text.split(language.version), language.id).toHaveLength(2);
    }
  });

  it('puts a bare version number after the name, and sets a named toolchain apart', () => {
    expect(languageOptionLabel({ label: 'Python', version: '3.13.5' })).toBe('Python 3.13.5');
    expect(languageOptionLabel({ label: 'C', version: 'GCC 14.2.0 (C17)' })).toBe('C — GCC 14.2.0 (C17)');
    expect(languageOptionLabel({ label: 'Go', version: 'Go 1.24.4' })).toBe('Go 1.24.4');
  });
});
