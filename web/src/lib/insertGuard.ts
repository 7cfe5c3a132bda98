import { EditorState, type Extension } from '@codemirror/state';
import { ySyncAnnotation } from 'y-codemirror.next';

/** Decides whether a local edit inserting `bytes` of text (UTF-8) in `changes` places may be applied. */
export type AllowInsert = (bytes: number, changes: number) => boolean;

/**
 * Drops local edits that `allow.current` refuses, before they reach the editor or the
 * shared doc (the room's size limit). Edits that come from the doc (other people, undo)
 * carry y-codemirror's annotation and are never dropped: the editor must show the doc.
 */
export function insertGuard(allow: { readonly current?: AllowInsert }): Extension {
  const encoder = new TextEncoder();
  return EditorState.transactionFilter.of((tr) => {
    if (!tr.docChanged || !allow.current || tr.annotation(ySyncAnnotation) !== undefined) return tr;
    let bytes = 0;
    let changes = 0;
    tr.changes.iterChanges((_fromA, _toA, _fromB, _toB, inserted) => {
      if (inserted.length === 0) return;
      bytes += encoder.encode(inserted.toString()).byteLength;
      changes++;
    });
    // Deleting is always allowed: it is how someone gets back under the limit.
    return bytes === 0 || allow.current(bytes, changes) ? tr : [];
  });
}
