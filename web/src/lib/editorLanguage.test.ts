import { LANGUAGES } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { editorSyntaxFor, editorSyntaxForId, loadEditorSyntax } from './editorLanguage.ts';

describe('editorSyntaxFor', () => {
  it('highlights every catalog language in its own syntax', () => {
    expect(Object.fromEntries(LANGUAGES.map((l) => [l.id, editorSyntaxFor(l)]))).toEqual({
      python: 'python',
      javascript: 'javascript',
      typescript: 'typescript',
      c: 'c',
      cpp: 'cpp',
      java: 'java',
      go: 'go',
      rust: 'rust',
      // Until the editor knows their own syntax, the catalog's editorMode.
      csharp: 'javascript',
      kotlin: 'javascript',
      scala: 'javascript',
      haskell: 'python',
      ocaml: 'javascript',
      ruby: 'python',
      php: 'javascript',
      lua: 'python',
      perl: 'python',
      bash: 'python',
      r: 'python',
      elixir: 'python',
    });
  });

  it('falls back to the editor mode, then to plain text', () => {
    expect(editorSyntaxFor({ editorMode: 'python', syntax: 'cobol' })).toBe('python');
    expect(editorSyntaxFor({ editorMode: 'brainfuck' as 'python' })).toBe('plain');
    expect(editorSyntaxForId('nope')).toBe('plain');
  });
});

describe('loadEditorSyntax', () => {
  it('loads a language package for each syntax, once', async () => {
    for (const language of LANGUAGES) {
      const extension = await loadEditorSyntax(editorSyntaxFor(language));
      expect(extension, language.id).not.toEqual([]);
    }
    expect(loadEditorSyntax('rust')).toBe(loadEditorSyntax('rust'));
    expect(await loadEditorSyntax('plain')).toEqual([]);
  });
});
