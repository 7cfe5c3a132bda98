import type * as Y from 'yjs';

/**
 * What one update did to a text, in positions of the text after it: the ranges it
 * inserted, and where (with how many characters) it deleted.
 */
export interface CodeEdit {
  inserted: [from: number, to: number][];
  deleted: [at: number, count: number][];
}

/** Calls `onEdit` with each transaction's change to `text`. */
export function observeCodeEdits(text: Y.Text, onEdit: (edit: CodeEdit) => void): void {
  text.observe((event) => onEdit(editOf(event.delta)));
}

/** The ranges a Yjs text delta inserted and deleted, in positions of the text after it. */
export function editOf(delta: readonly { insert?: unknown; retain?: number; delete?: number }[]): CodeEdit {
  const edit: CodeEdit = { inserted: [], deleted: [] };
  let position = 0;
  for (const op of delta) {
    if (op.retain !== undefined) position += op.retain;
    else if (op.delete !== undefined) edit.deleted.push([position, op.delete]);
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      edit.inserted.push([position, position + length]);
      position += length;
    }
  }
  return edit;
}
