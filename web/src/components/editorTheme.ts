import { EditorView } from '@codemirror/view';

/** Sizes and colours shared by the room's editors and read-only code views (with editorColors after it). */
export const editorTheme = EditorView.theme({
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
