import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { LANGUAGE_INFO, type LanguageInfo } from '@codestream/shared';
import { classHighlighter, highlightTree } from '@lezer/highlight';
import { describe, expect, it } from 'vitest';
import { EDITOR_SYNTAXES, editorSyntaxFor, editorSyntaxForId, loadEditorSyntax } from './editorLanguage.ts';

/**
 * A line of each syntax and a keyword in it. Typed over the catalog's `syntax` union: a
 * syntax added there without a sample here does not compile.
 */
const SAMPLES: { readonly [S in LanguageInfo['syntax']]: { code: string; keyword: string } } = {
  python: { code: 'def main():\n    return 1\n', keyword: 'def' },
  javascript: { code: 'const x = 1;\n', keyword: 'const' },
  typescript: { code: 'interface A { x: number }\n', keyword: 'interface' },
  c: { code: 'int main(void) { return 0; }\n', keyword: 'return' },
  cpp: { code: 'int main() { return 0; }\n', keyword: 'return' },
  java: { code: 'class Main {}\n', keyword: 'class' },
  go: { code: 'package main\n\nfunc main() {}\n', keyword: 'func' },
  rust: { code: 'fn main() {}\n', keyword: 'fn' },
  ruby: { code: 'def hello\n  puts 1\nend\n', keyword: 'def' },
  php: { code: '<?php\nfunction f() { return 1; }\n', keyword: 'function' },
  csharp: { code: 'class Program { static void Main() {} }\n', keyword: 'class' },
  kotlin: { code: 'fun main() { val x = 1 }\n', keyword: 'fun' },
  scala: { code: 'object Main { def f = 1 }\n', keyword: 'object' },
  haskell: { code: 'main = do\n  let x = 1\n  print x\n', keyword: 'let' },
  ocaml: { code: 'let () = print_endline "hi"\n', keyword: 'let' },
  lua: { code: 'local x = 1\n', keyword: 'local' },
  perl: { code: 'my $x = 1;\nif ($x) { print $x; }\n', keyword: 'if' },
  bash: { code: 'if true; then echo hi; fi\n', keyword: 'if' },
  r: { code: 'f <- function(x) x\n', keyword: 'function' },
  elixir: { code: 'defmodule Main do\nend\n', keyword: 'do' },
};

/** The highlighting classes (classHighlighter's `tok-…`) of each word `syntax` gives `code`. */
async function highlightedWords(syntax: LanguageInfo['syntax'], code: string): Promise<Map<string, string>> {
  const state = EditorState.create({ doc: code, extensions: await loadEditorSyntax(syntax) });
  const tree = ensureSyntaxTree(state, state.doc.length, 5_000);
  if (!tree) throw new Error(`${syntax} did not parse`);
  const words = new Map<string, string>();
  highlightTree(tree, classHighlighter, (from, to, classes) => words.set(code.slice(from, to), classes));
  return words;
}

describe('editorSyntaxFor', () => {
  it('highlights every catalog language in its own syntax', () => {
    for (const language of LANGUAGE_INFO) expect(editorSyntaxFor(language), language.id).toBe(language.syntax);
  });

  it('falls back to the editor mode, then to plain text', () => {
    expect(editorSyntaxFor({ editorMode: 'python', syntax: 'cobol' })).toBe('python');
    expect(editorSyntaxFor({ editorMode: 'brainfuck' as 'python' })).toBe('plain');
    expect(editorSyntaxForId('nope')).toBe('plain');
  });
});

describe('loadEditorSyntax', () => {
  it('has a loader for every syntax of the catalog, and plain text', () => {
    expect([...EDITOR_SYNTAXES].sort()).toEqual([...Object.keys(SAMPLES), 'plain'].sort());
  });

  it('highlights a keyword in every syntax', async () => {
    for (const [syntax, { code, keyword }] of Object.entries(SAMPLES) as [
      LanguageInfo['syntax'],
      { code: string; keyword: string },
    ][]) {
      expect((await highlightedWords(syntax, code)).get(keyword), syntax).toContain('tok-keyword');
    }
  });

  it('loads each package once, and plain text as no extension', async () => {
    expect(loadEditorSyntax('rust')).toBe(loadEditorSyntax('rust'));
    expect(await loadEditorSyntax('plain')).toEqual([]);
  });
});
