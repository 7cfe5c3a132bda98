import type { StreamParser } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { findLanguageInfo, type LanguageInfo } from '@codestream/shared';

/** Syntaxes this editor highlights: every catalog `syntax`, and `plain` for anything else. */
export type EditorSyntax = LanguageInfo['syntax'] | 'plain';

/** A mode of @codemirror/legacy-modes, loaded with the adapter that makes it a CodeMirror 6 language. */
async function legacy(mode: Promise<StreamParser<unknown>>): Promise<Extension> {
  const [{ legacyLanguage }, parser] = await Promise.all([import('./legacyLanguage.ts'), mode]);
  return legacyLanguage(parser);
}

/**
 * How each syntax's support is loaded: one dynamic import each, so a room downloads only
 * the grammar it shows. Lezer grammars (@codemirror/lang-*, codemirror-lang-elixir) where
 * a maintained one exists, else the legacy stream modes. Typed over `EditorSyntax`: a
 * syntax added to the catalog's union without a loader here does not compile.
 */
export const SYNTAX_LOADERS: { readonly [S in EditorSyntax]: () => Promise<Extension> } = {
  python: async () => (await import('@codemirror/lang-python')).python(),
  javascript: async () => (await import('@codemirror/lang-javascript')).javascript(),
  typescript: async () => (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  c: async () => (await import('@codemirror/lang-cpp')).cpp(),
  cpp: async () => (await import('@codemirror/lang-cpp')).cpp(),
  java: async () => (await import('@codemirror/lang-java')).java(),
  go: async () => (await import('@codemirror/lang-go')).go(),
  rust: async () => (await import('@codemirror/lang-rust')).rust(),
  // PHP alone (text outside `<?php` tags stays plain): php() would add the HTML, CSS and
  // JavaScript grammars, and @lezer/common's mixed parsing to the editor's own chunk.
  php: async () => (await import('@codemirror/lang-php')).phpLanguage,
  elixir: async () => (await import('codemirror-lang-elixir')).elixir(),
  ruby: () => legacy(import('@codemirror/legacy-modes/mode/ruby').then((m) => m.ruby)),
  csharp: () => legacy(import('@codemirror/legacy-modes/mode/clike').then((m) => m.csharp)),
  kotlin: () => legacy(import('@codemirror/legacy-modes/mode/clike').then((m) => m.kotlin)),
  scala: () => legacy(import('@codemirror/legacy-modes/mode/clike').then((m) => m.scala)),
  haskell: () => legacy(import('@codemirror/legacy-modes/mode/haskell').then((m) => m.haskell)),
  ocaml: () => legacy(import('@codemirror/legacy-modes/mode/mllike').then((m) => m.oCaml)),
  lua: () => legacy(import('@codemirror/legacy-modes/mode/lua').then((m) => m.lua)),
  perl: () => legacy(import('@codemirror/legacy-modes/mode/perl').then((m) => m.perl)),
  bash: () => legacy(import('@codemirror/legacy-modes/mode/shell').then((m) => m.shell)),
  r: () => legacy(import('@codemirror/legacy-modes/mode/r').then((m) => m.r)),
  plain: async () => [],
};

export const EDITOR_SYNTAXES = Object.keys(SYNTAX_LOADERS) as EditorSyntax[];

function isEditorSyntax(value: string | undefined): value is EditorSyntax {
  return value !== undefined && Object.hasOwn(SYNTAX_LOADERS, value);
}

/**
 * The highlighting for a catalog language: its own `syntax` when this editor knows it,
 * else its `editorMode` (the catalog's lowest common denominator), else plain text.
 */
export function editorSyntaxFor(language: Pick<LanguageInfo, 'editorMode'> & { syntax?: string }): EditorSyntax {
  if (isEditorSyntax(language.syntax)) return language.syntax;
  if (isEditorSyntax(language.editorMode)) return language.editorMode;
  return 'plain';
}

export function editorSyntaxForId(languageId: string): EditorSyntax {
  const spec = findLanguageInfo(languageId);
  return spec ? editorSyntaxFor(spec) : 'plain';
}

const loaded = new Map<EditorSyntax, Promise<Extension>>();

/** The CodeMirror language support of `syntax`, its package loaded on first use. */
export function loadEditorSyntax(syntax: EditorSyntax): Promise<Extension> {
  let promise = loaded.get(syntax);
  if (!promise) {
    promise = SYNTAX_LOADERS[syntax]();
    // A failed download (offline) may be retried on the next switch.
    promise.catch(() => loaded.delete(syntax));
    loaded.set(syntax, promise);
  }
  return promise;
}
