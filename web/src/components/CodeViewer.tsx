import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'preact/hooks';
import { editorSyntaxForId, loadEditorSyntax } from '../lib/editorLanguage.ts';
import { minimalSetup } from '../lib/minimalSetup.ts';
import { editorColors } from './editorColors.ts';
import { editorTheme } from './editorTheme.ts';

// As tall as the code, up to most of the screen (before editorTheme, which fills its parent).
const viewerHeight = EditorView.theme({ '&': { height: 'auto', maxHeight: 'min(70vh, 640px)' } });

export interface CodeViewerProps {
  code: string;
  /** A catalog language id; unknown ones are shown as plain text. */
  language: string;
  label: string;
}

/** Read-only code with line numbers and the language's highlighting. */
export function CodeViewer({ code, language, label }: CodeViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const highlighting = new Compartment();
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: code,
        extensions: [
          minimalSetup,
          lineNumbers(),
          highlighting.of([]),
          // Selectable (to copy) and focusable, never editable.
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          viewerHeight,
          editorTheme,
          editorColors,
        ],
      }),
    });
    let current = true;
    loadEditorSyntax(editorSyntaxForId(language)).then(
      (syntax) => {
        if (current) view.dispatch({ effects: highlighting.reconfigure(syntax) });
      },
      (err: unknown) => console.warn(`Highlighting for ${language} could not be loaded`, err),
    );
    return () => {
      current = false;
      view.destroy();
    };
  }, [code, language, label]);
  return <div class="code-viewer" data-testid="submission-code" ref={host} />;
}
