import { describe, expect, it } from 'vitest';
import { claimedAwarenessStateSchema } from './awarenessSchema.ts';
import { isColor, isDisplayName, sanitizeAwarenessState, toDisplayName } from './awarenessState.ts';
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './awarenessUpdate.ts';

/** A cursor as y-codemirror.next 0.3 publishes it: JSON.stringify of two Y.RelativePositions. */
const editorCursor = () => ({
  anchor: { type: null, tname: 'code', item: { client: 2184241533, clock: 2 }, assoc: 0 },
  head: { type: null, tname: 'code', item: null, assoc: 0 },
});

const hostile = 'red; background: url(http://evil.example/x.png)';

describe('awareness state checks', () => {
  it('accepts what the web client sends', () => {
    const state = { user: { name: 'Ann', color: '#f87171', colorLight: '#f8717133' }, cursor: editorCursor() };
    expect(claimedAwarenessStateSchema.safeParse(state).success).toBe(true);
    expect(sanitizeAwarenessState(state)).toEqual(state);
    expect(claimedAwarenessStateSchema.safeParse({ cursor: null }).success).toBe(true);
    expect(claimedAwarenessStateSchema.safeParse(null).success).toBe(true);
  });

  it('keeps the person and role the server puts on a state, and nothing that only looks like them', () => {
    const user = { name: 'Ann', color: '#f87171', id: 'g:Ab_9-x', role: 'viewer' };
    expect(sanitizeAwarenessState({ user })).toEqual({ user });
    expect(sanitizeAwarenessState({ user: { name: 'Ann', id: 'u:../x', role: 'owner' } })).toEqual({
      user: { name: 'Ann' },
    });
    expect(sanitizeAwarenessState({ user: { id: `u:${'a'.repeat(65)}`, role: ['host'] } })).toEqual({ user: {} });
  });

  it('colours are hex colours only', () => {
    for (const ok of ['#abc', '#A0b1C2']) expect(isColor(ok)).toBe(true);
    for (const bad of [hostile, 'red', '#abcd', '#12345g', 'url(x)', '#fff;', ' #fff', 12])
      expect(isColor(bad)).toBe(false);
  });

  it('names are short, visible and not blank', () => {
    expect(isDisplayName('Zoë 🚀')).toBe(true);
    expect(isDisplayName('é'.repeat(64))).toBe(true);
    for (const bad of ['', '   ', 'x'.repeat(65), 'a\nb', 'evil\u202eman', 'a\u0000'])
      expect(isDisplayName(bad)).toBe(false);
    expect(toDisplayName('  \u202eAnn\u0007 ')).toBe('Ann');
    expect(toDisplayName('\u0000')).toBe('Anonymous');
    expect([...toDisplayName('é'.repeat(100))]).toHaveLength(64);
  });

  it('the schema refuses foreign fields, CSS in colours and malformed cursors', () => {
    const refused = [
      { user: { color: hostile } },
      { user: { colorLight: 'transparent' } },
      { user: { name: 'Ann', avatar: 'http://evil.example/a.png' } },
      { user: 'Ann' },
      { html: '<img src=x>' },
      { cursor: { anchor: { item: { client: 1, clock: -1 } }, head: {} } },
      { cursor: { anchor: {}, head: { tname: 'x'.repeat(65) } } },
      { cursor: { anchor: {}, head: {}, extra: 1 } },
      { cursor: { anchor: { type: 'code' }, head: {} } },
      { cursor: 'here' },
      [],
      'state',
    ];
    for (const state of refused)
      expect(claimedAwarenessStateSchema.safeParse(state).success, JSON.stringify(state)).toBe(false);
  });

  it('the client sanitiser drops exactly the fields the schema refuses', () => {
    expect(sanitizeAwarenessState({ user: { name: 'Ann', color: hostile, colorLight: '#ff000033' } })).toEqual({
      user: { name: 'Ann', colorLight: '#ff000033' },
    });
    expect(sanitizeAwarenessState({ user: { name: 'x'.repeat(10_000), color: '#fff' } })).toEqual({
      user: { color: '#fff' },
    });
    expect(sanitizeAwarenessState({ cursor: { anchor: 'x', head: {} }, html: '<b>' })).toEqual({});
    expect(sanitizeAwarenessState('state')).toEqual({});
    expect(sanitizeAwarenessState(null)).toBeNull();
  });
});

describe('awareness update codec', () => {
  it('round-trips entries and refuses malformed updates', () => {
    const entries = [
      { clientId: 7, clock: 3, state: { user: { name: 'Ann' } } },
      { clientId: 2 ** 32 - 1, clock: 0, state: null },
    ];
    const update = encodeAwarenessUpdate(entries);
    expect(decodeAwarenessUpdate(update)).toEqual(entries);
    expect(() => decodeAwarenessUpdate(update, 1)).toThrow(/2 entries/);
    expect(() => decodeAwarenessUpdate(update.subarray(0, update.length - 1))).toThrow();
    expect(() => decodeAwarenessUpdate(new Uint8Array([...update, 0]))).toThrow(/trailing/);
    const notJson = encodeAwarenessUpdate([{ clientId: 1, clock: 1, state: null }]);
    notJson[notJson.length - 1] = '{'.charCodeAt(0);
    expect(() => decodeAwarenessUpdate(notJson)).toThrow();
  });
});
