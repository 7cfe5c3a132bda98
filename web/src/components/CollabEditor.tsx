import { indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { Compartment, EditorState, type Extension, Prec } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { basicSetup, minimalSetup } from 'codemirror';
import { useEffect, useRef } from 'preact/hooks';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type * as Y from 'yjs';

export type EditorMode = 'python' | 'javascript';

interface CollabEditorProps {
  ytext: Y.Text;
  /** The provider's awareness: remote cursors and names. */
  awareness: unknown;
  undoManager: Y.UndoManager;
  /** `code`: full editor with language support; `stdin`: plain text, fewer features. */
  variant: 'code' | 'stdin';
  mode?: EditorMode;
  editable: boolean;
  /** Ctrl/Cmd-Enter inside the editor. */
  onRun(): void;
  testId: string;
  /** id of the visible label of this editor. */
  labelledBy?: string;
  label?: string;
  placeholderText?: string;
}

function modeExtension(mode: EditorMode | undefined): Extension {
  switch (mode) {
    case 'python':
      return python();
    case 'javascript':
      return javascript();
    default:
      return [];
  }
}

function editableExtension(editable: boolean): Extension {
  return [EditorView.editable.of(editable), EditorState.readOnly.of(!editable)];
}

const sizing = EditorView.theme({
  '&': { height: '100%', fontSize: '14px', backgroundColor: 'var(--editor-bg)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  // Room above the first line for remote cursor name labels.
  '.cm-content': { paddingTop: '14px', paddingBottom: '24px' },
  '.cm-gutters': { backgroundColor: 'var(--editor-bg)', borderRight: '1px solid var(--border)' },
  '&.cm-focused': { outline: 'none' },
  // Remote cursor names (y-codemirror.next) always visible, readable on every palette colour.
  '.cm-ySelectionInfo': {
    opacity: 1,
    top: '-1.35em',
    color: '#0b0d12',
    fontFamily: 'var(--font-sans)',
    fontWeight: '600',
    fontSize: '11px',
    lineHeight: '1.4',
    padding: '0 5px',
    borderRadius: '4px 4px 4px 0',
  },
  '.cm-ySelectionCaret': { borderLeftWidth: '2px', borderRightWidth: '0' },
});

/** A CodeMirror 6 editor bound to a shared Y.Text (y-codemirror.next). */
export function CollabEditor(props: CollabEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const editability = useRef(new Compartment());
  const onRun = useRef(props.onRun);
  onRun.current = props.onRun;

  // Built once per Y.Text; later prop changes go through compartments.
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const contentAttributes: Record<string, string> = {};
    if (props.labelledBy) contentAttributes['aria-labelledby'] = props.labelledBy;
    if (props.label) contentAttributes['aria-label'] = props.label;
    const editor = new EditorView({
      parent,
      state: EditorState.create({
        doc: props.ytext.toString(),
        extensions: [
          // Highest: basicSetup binds Mod-Enter to "insert blank line".
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  onRun.current();
                  return true;
                },
              },
            ]),
          ),
          // Undo/redo through the Y.UndoManager (only this person's edits), before
          // basicSetup's history keymap.
          Prec.high(keymap.of(yUndoManagerKeymap)),
          props.variant === 'code' ? [basicSetup, keymap.of([indentWithTab])] : [minimalSetup, lineNumbers()],
          language.current.of(modeExtension(props.mode)),
          editability.current.of(editableExtension(props.editable)),
          props.placeholderText ? placeholder(props.placeholderText) : [],
          // Before oneDark: earlier extensions take precedence, and these override its background.
          sizing,
          oneDark,
          EditorView.contentAttributes.of(contentAttributes),
          yCollab(props.ytext, props.awareness, { undoManager: props.undoManager }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      view.current = null;
      editor.destroy();
    };
  }, [props.ytext]);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(modeExtension(props.mode)) });
  }, [props.mode]);

  useEffect(() => {
    view.current?.dispatch({ effects: editability.current.reconfigure(editableExtension(props.editable)) });
  }, [props.editable]);

  return <div class={`editor editor-${props.variant}`} data-testid={props.testId} ref={host} />;
}
