import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { YSyncConfig, ySyncAnnotation } from 'y-codemirror.next';
import * as Y from 'yjs';
import { type AllowInsert, insertGuard } from './insertGuard.ts';

function editor(allow: AllowInsert) {
  const asked: [number, number][] = [];
  const state = EditorState.create({
    doc: 'hello',
    extensions: insertGuard({
      current: (bytes, changes) => {
        asked.push([bytes, changes]);
        return allow(bytes, changes);
      },
    }),
  });
  return { state, asked };
}

describe('insertGuard', () => {
  it('drops a local insert the limit refuses, before it is applied', () => {
    const { state, asked } = editor((bytes) => bytes <= 4);
    expect(state.update({ changes: { from: 5, insert: ' wörld' } }).state.doc.toString()).toBe('hello');
    // UTF-8 bytes, counted once per inserted range.
    expect(asked).toEqual([[7, 1]]);
    expect(state.update({ changes: { from: 0, insert: 'ok' } }).state.doc.toString()).toBe('okhello');
  });

  it('counts every range of a multi-cursor edit', () => {
    const { state, asked } = editor(() => false);
    state.update({
      changes: [
        { from: 0, insert: 'ab' },
        { from: 5, insert: 'c' },
      ],
    });
    expect(asked).toEqual([[3, 2]]);
  });

  it('always lets deletions and edits from the shared doc through', () => {
    const { state, asked } = editor(() => false);
    expect(state.update({ changes: { from: 0, to: 2 } }).state.doc.toString()).toBe('llo');
    const remote = state.update({
      changes: { from: 0, insert: 'remote ' },
      annotations: ySyncAnnotation.of(new YSyncConfig(new Y.Text(), null)),
    });
    expect(remote.state.doc.toString()).toBe('remote hello');
    expect(asked).toEqual([]);
  });
});
