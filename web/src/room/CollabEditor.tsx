import { indentWithTab } from '@codemirror/commands';
import { Compartment, EditorState, type Extension, Prec } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'preact/hooks';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { editorColors } from '../components/editorColors.ts';
import { editorTheme } from '../components/editorTheme.ts';
import { type EditorSyntax, loadEditorSyntax } from '../lib/editorLanguage.ts';
import { cursorIndexOf } from '../lib/followCursor.ts';
import { insertGuard } from '../lib/insertGuard.ts';
import { minimalSetup } from '../lib/minimalSetup.ts';
import { codeEditorSetup } from './codeEditorSetup.ts';

interface CollabEditorProps {
  ytext: Y.Text;
  /** The provider's awareness: remote cursors and names. */
  awareness: unknown;
  undoManager: Y.UndoManager;
  /** `code`: full editor with language support; `stdin`: plain text, fewer features. */
  variant: 'code' | 'stdin';
  /** Highlighting (code editor only); its package is loaded on demand. */
  syntax?: EditorSyntax;
  editable: boolean;
  /** Ctrl/Cmd-Enter inside the editor. */
  onRun(): void;
  /** Ctrl/Cmd-Shift-Enter inside the editor. */
  onSubmit(): void;
  testId: string;
  /** id of the visible label of this editor. */
  labelledBy?: string;
  label?: string;
  placeholderText?: string;
  /**
   * Asked before a local edit that inserts `bytes` of text (UTF-8) in `changes` places is
   * applied; false drops the edit (the room's size limit). Remote edits are never asked.
   */
  allowInsert?(bytes: number, changes: number): boolean;
  /** The person (`u:…`, `g:…`) whose cursor the editor keeps in view; null: no one. */
  followId?: string | null;
  /** This person typed while following: they take the editor back. */
  onStopFollowing?(): void;
}

/** Space (px) kept between a followed cursor and the editor's top or bottom edge. */
const FOLLOW_MARGIN_PX = 60;

function editableExtension(editable: boolean): Extension {
  return [EditorView.editable.of(editable), EditorState.readOnly.of(!editable)];
}

/** A CodeMirror 6 editor bound to a shared Y.Text (y-codemirror.next). */
export function CollabEditor(props: CollabEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const editability = useRef(new Compartment());
  const onRun = useRef(props.onRun);
  onRun.current = props.onRun;
  const onSubmit = useRef(props.onSubmit);
  onSubmit.current = props.onSubmit;
  const allowInsert = useRef(props.allowInsert);
  allowInsert.current = props.allowInsert;
  const onStopFollowing = useRef(props.onStopFollowing);
  onStopFollowing.current = props.onStopFollowing;

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
          // Highest: the editor setup binds Mod-Enter to "insert blank line".
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  onRun.current();
                  return true;
                },
              },
              {
                key: 'Mod-Shift-Enter',
                run: () => {
                  onSubmit.current();
                  return true;
                },
              },
            ]),
          ),
          // Undo/redo through the Y.UndoManager (only this person's edits): the editor
          // setups keep no history of their own.
          Prec.high(keymap.of(yUndoManagerKeymap)),
          props.variant === 'code' ? [codeEditorSetup, keymap.of([indentWithTab])] : [minimalSetup, lineNumbers()],
          language.current.of([]),
          editability.current.of(editableExtension(props.editable)),
          insertGuard(allowInsert),
          EditorView.updateListener.of((update) => {
            if (update.transactions.some((tr) => tr.isUserEvent('input') || tr.isUserEvent('delete'))) {
              onStopFollowing.current?.();
            }
          }),
          props.placeholderText ? placeholder(props.placeholderText) : [],
          // Before editorColors: earlier extensions take precedence, and these set its background.
          editorTheme,
          editorColors,
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

  // Plain text until the grammar has loaded (not the previous language's), and if it cannot
  // be; a switch made meanwhile wins over a slow load.
  const syntax = props.syntax ?? 'plain';
  useEffect(() => {
    let current = true;
    view.current?.dispatch({ effects: language.current.reconfigure([]) });
    loadEditorSyntax(syntax).then(
      (extension) => {
        if (current) view.current?.dispatch({ effects: language.current.reconfigure(extension) });
      },
      (err: unknown) => console.warn(`Highlighting for ${syntax} could not be loaded`, err),
    );
    return () => {
      current = false;
    };
  }, [syntax, props.ytext]);

  useEffect(() => {
    view.current?.dispatch({ effects: editability.current.reconfigure(editableExtension(props.editable)) });
  }, [props.editable]);

  // Scrolls to the followed person's cursor whenever it moves or the text changes (their
  // cursor may arrive before the text it points into). Once per frame, after both the
  // editor and y-codemirror.next have taken the change (no dispatch inside their updates).
  const { followId } = props;
  useEffect(() => {
    const editor = view.current;
    if (!editor || !followId) return;
    const awareness = props.awareness as WebsocketProvider['awareness'];
    const ytext = props.ytext;
    let frame: number | null = null;
    const scroll = () => {
      frame = null;
      const index = cursorIndexOf(awareness.getStates(), awareness.meta, followId, ytext);
      if (index === null) return;
      const pos = Math.min(index, editor.state.doc.length);
      editor.dispatch({ effects: EditorView.scrollIntoView(pos, { y: 'nearest', yMargin: FOLLOW_MARGIN_PX }) });
    };
    const schedule = () => {
      frame ??= requestAnimationFrame(scroll);
    };
    schedule();
    awareness.on('change', schedule);
    ytext.observe(schedule);
    return () => {
      if (frame !== null) cancelAnimationFrame(frame);
      awareness.off('change', schedule);
      ytext.unobserve(schedule);
    };
  }, [followId, props.ytext]);

  return <div class={`editor editor-${props.variant}`} data-testid={props.testId} ref={host} />;
}
