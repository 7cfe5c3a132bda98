import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cursorIndexOf } from './followCursor.ts';

describe('cursorIndexOf', () => {
  const doc = new Y.Doc();
  const code = doc.getText('code');
  const stdin = doc.getText('stdin');
  code.insert(0, 'line 1\nline 2\nline 3\n');
  stdin.insert(0, 'input');
  const at = (text: Y.Text, index: number) => {
    const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
    return { anchor: position, head: position };
  };
  const states = new Map<number, Record<string, unknown>>([
    [1, { user: { id: 'u:lead', name: 'Lea' }, cursor: at(code, 7) }],
    [2, { user: { id: 'u:lead', name: 'Lea' }, cursor: at(code, 14) }],
    [3, { user: { id: 'u:other', name: 'Oli' }, cursor: at(code, 3) }],
    [4, { user: { id: 'u:stdin', name: 'Sam' }, cursor: at(stdin, 2) }],
    [5, { user: { id: 'u:idle', name: 'Ida' }, cursor: null }],
  ]);
  const clocks = new Map([
    [1, { clock: 5 }],
    [2, { clock: 9 }],
    [3, { clock: 1 }],
  ]);

  it("finds the person's most recently moved cursor in the text", () => {
    expect(cursorIndexOf(states, clocks, 'u:lead', code)).toBe(14);
    expect(cursorIndexOf(states, clocks, 'u:other', code)).toBe(3);
  });

  it('follows the text as it changes before the cursor', () => {
    code.insert(0, 'new first line\n');
    expect(cursorIndexOf(states, clocks, 'u:other', code)).toBe(18);
  });

  it('is null for someone with no cursor, or a cursor in another text', () => {
    expect(cursorIndexOf(states, clocks, 'u:idle', code)).toBeNull();
    expect(cursorIndexOf(states, clocks, 'u:stdin', code)).toBeNull();
    expect(cursorIndexOf(states, clocks, 'u:nobody', code)).toBeNull();
  });
});
