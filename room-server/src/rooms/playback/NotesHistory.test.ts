import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTES_TEXT } from '../NotesDoc.ts';
import { type NotesEntry, NotesHistory } from './NotesHistory.ts';

/** `count` notes edits a second apart (from `start`), with the text after each. */
function typed(count: number, start = 10_000): { entries: NotesEntry[]; texts: string[] } {
  const doc = new Y.Doc();
  const text = doc.getText(NOTES_TEXT);
  const entries: NotesEntry[] = [];
  const texts: string[] = [];
  doc.on('update', (update: Uint8Array) => {
    entries.push({ seq: entries.length + 1, at: start + entries.length * 1_000, update });
  });
  for (let i = 0; i < count; i++) {
    if (i % 7 === 6) text.delete(0, 1);
    else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    texts.push(text.toString());
  }
  return { entries, texts };
}

describe('NotesHistory', () => {
  it('gives the notes as they were at any time, across checkpoints', () => {
    const { entries, texts } = typed(700);
    const history = new NotesHistory();
    history.extend(entries.slice(0, 300));
    history.extend(entries.slice(300));
    expect(history.lastSeq).toBe(700);
    expect(history.textAt(9_999)).toBe('');
    for (const i of [0, 1, 248, 249, 250, 499, 500, 699]) {
      expect(history.textAt(10_000 + i * 1_000)).toBe(texts[i]);
      // Between two updates: the earlier one's text.
      expect(history.textAt(10_000 + i * 1_000 + 500)).toBe(texts[i]);
    }
  });

  it('refuses a gap in the log', () => {
    const { entries } = typed(3);
    const history = new NotesHistory();
    expect(() => history.extend([entries[1] as NotesEntry])).toThrow(/does not follow/);
  });
});
