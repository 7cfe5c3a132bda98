import type { Extension } from '@codemirror/state';
import { findLanguage, type LanguageSpec } from '@codestream/shared';

/** Syntaxes this editor highlights; `plain` for anything else. */
export const EDITOR_SYNTAXES = [
  'python',
  'javascript',
  'typescript',
  'c',
  'cpp',
  'java',
  'go',
  'rust',
  'plain',
] as const;
export type EditorSyntax = (typeof EDITOR_SYNTAXES)[number];

function isEditorSyntax(value: string | undefined): value is EditorSyntax {
  return value !== undefined && (EDITOR_SYNTAXES as readonly string[]).includes(value);
}

/**
 * The highlighting for a catalog language: its own `syntax` when this editor knows it,
 * else its `editorMode` (the catalog's lowest common denominator), else plain text.
 */
export function editorSyntaxFor(language: Pick<LanguageSpec, 'editorMode'> & { syntax?: string }): EditorSyntax {
  if (isEditorSyntax(language.syntax)) return language.syntax;
  if (isEditorSyntax(language.editorMode)) return language.editorMode;
  return 'plain';
}

export function editorSyntaxForId(languageId: string): EditorSyntax {
  const spec = findLanguage(languageId);
  return spec ? editorSyntaxFor(spec) : 'plain';
}

const loaded = new Map<EditorSyntax, Promise<Extension>>();

/**
 * The CodeMirror language support of `syntax`, each package loaded on first use so a
 * room only downloads the grammar it shows. C and C++ share one package, as do
 * JavaScript and TypeScript.
 */
export function loadEditorSyntax(syntax: EditorSyntax): Promise<Extension> {
  let promise = loaded.get(syntax);
  if (!promise) {
    promise = importSyntax(syntax);
    // A failed download (offline) may be retried on the next switch.
    promise.catch(() => loaded.delete(syntax));
    loaded.set(syntax, promise);
  }
  return promise;
}

async function importSyntax(syntax: EditorSyntax): Promise<Extension> {
  switch (syntax) {
    case 'python':
      return (await import('@codemirror/lang-python')).python();
    case 'javascript':
      return (await import('@codemirror/lang-javascript')).javascript();
    case 'typescript':
      return (await import('@codemirror/lang-javascript')).javascript({ typescript: true });
    case 'c':
    case 'cpp':
      return (await import('@codemirror/lang-cpp')).cpp();
    case 'java':
      return (await import('@codemirror/lang-java')).java();
    case 'go':
      return (await import('@codemirror/lang-go')).go();
    case 'rust':
      return (await import('@codemirror/lang-rust')).rust();
    case 'plain':
      return [];
    default: {
      const unreachable: never = syntax;
      return unreachable;
    }
  }
}
