import { type AwarenessEntry, encodeAwarenessUpdate } from '@codestream/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { silentLogger } from '../log/logger.ts';
import { AwarenessGuard, AwarenessRefusedError, DEFAULT_AWARENESS_LIMITS } from './AwarenessGuard.ts';

const hostileColor = 'red; background: url(http://evil.example/x.png)';

/** A cursor as y-codemirror.next 0.3 sends it: Y.RelativePositions through JSON. */
function editorCursor(): unknown {
  const text = new Y.Doc().getText('code');
  text.insert(0, 'print(1)');
  const anchor = Y.createRelativePositionFromTypeIndex(text, 2);
  const head = Y.createRelativePositionFromTypeIndex(text, text.length);
  return JSON.parse(JSON.stringify({ anchor, head }));
}

/** A state as our web client sends it; `mark` goes into the cursor so tests can tell states apart. */
const validState = (mark = 2) => ({
  user: { name: 'Anything I like', color: '#f87171', colorLight: '#f8717133' },
  cursor: {
    anchor: { type: null, tname: null, item: { client: 1, clock: mark }, assoc: 0 },
    head: { type: null, tname: 'code', item: null, assoc: 0 },
  },
});

const update = (...entries: AwarenessEntry[]) => encodeAwarenessUpdate(entries);

let awareness: awarenessProtocol.Awareness;
let guard: AwarenessGuard;
/** Every update the room's awareness emitted, with its origin. */
let relayed: { ids: number[]; origin: unknown }[];
const ann = { id: 'u:ann', name: 'Ann Example', role: 'editor', color: '#60a5fa', colorLight: '#60a5fa33' };
const mallory = { id: 'g:mallory', name: 'Mallory', role: 'viewer', color: '#34d399', colorLight: '#34d39933' };

beforeEach(() => {
  vi.useFakeTimers();
  awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  guard = new AwarenessGuard({ awareness, userOf: (sender) => sender as typeof ann, log: silentLogger });
  relayed = [];
  awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
    relayed.push({ ids: [...(added ?? []), ...(updated ?? []), ...(removed ?? [])], origin });
  });
});
afterEach(() => {
  guard.close();
  awareness.destroy();
  vi.useRealTimers();
});

describe('AwarenessGuard', () => {
  it('relays what the editor sends, as the person the server knows (id, name, role, colour)', () => {
    const cursor = editorCursor();
    guard.receive(ann, update({ clientId: 11, clock: 1, state: { ...validState(), cursor } }));
    expect(relayed).toEqual([{ ids: [11], origin: ann }]);
    const state = awareness.getStates().get(11);
    expect(state?.user).toEqual(ann);
    expect(state?.cursor).toEqual(cursor);
    guard.receive(ann, update({ clientId: 11, clock: 2, state: {} }));
    expect(awareness.getStates().get(11)).toEqual({ user: ann });
    guard.receive(ann, update({ clientId: 11, clock: 3, state: null }));
    expect(awareness.getStates().has(11)).toBe(false);
  });

  it.each([
    ['a CSS string as colour', { user: { color: hostileColor } }],
    ['a CSS string as selection colour', { user: { colorLight: `#fff; ${hostileColor}` } }],
    ['an unknown field', { user: { name: 'Ann' }, avatar: 'http://evil.example/a.png' }],
    ['a claimed name of 300 characters', { user: { name: 'x'.repeat(300) } }],
    ['a cursor that is no relative position', { cursor: { anchor: 'start', head: 'end' } }],
    ['a state that is no object', 'hello'],
  ])('refuses an update with %s and relays none of it', (_case, state) => {
    const frame = update({ clientId: 11, clock: 1, state: validState() }, { clientId: 12, clock: 1, state });
    expect(() => guard.receive(ann, frame)).toThrow(AwarenessRefusedError);
    expect(relayed).toEqual([]);
    expect(awareness.getStates().size).toBe(0);
  });

  it('refuses updates over the size limit and bytes that are no awareness update', () => {
    const big = update({ clientId: 11, clock: 1, state: { user: { name: 'x'.repeat(10_000) } } });
    expect(big.byteLength).toBeGreaterThan(DEFAULT_AWARENESS_LIMITS.maxUpdateBytes);
    expect(() => guard.receive(ann, big)).toThrow(/bytes/);
    expect(() => guard.receive(ann, new Uint8Array([1, 11, 1]))).toThrow(AwarenessRefusedError);
    expect(() => guard.receive(ann, new Uint8Array([200, 200, 200, 200, 1]))).toThrow(AwarenessRefusedError);
    expect(relayed).toEqual([]);
  });

  it('lets a socket speak for a few client ids, only its own', () => {
    const max = DEFAULT_AWARENESS_LIMITS.maxClientsPerPeer;
    for (let id = 1; id <= max; id++) guard.receive(ann, update({ clientId: id, clock: 1, state: {} }));
    expect(() => guard.receive(ann, update({ clientId: 99, clock: 1, state: {} }))).toThrow(/client ids/);
    // Removing an id does not free its place: ids cannot be cycled.
    guard.receive(ann, update({ clientId: 1, clock: 2, state: null }));
    expect(() => guard.receive(ann, update({ clientId: 98, clock: 1, state: {} }))).toThrow(/client ids/);

    // Mallory can neither overwrite nor remove Ann's cursor, nor leave removals of unknown ids behind.
    guard.receive(mallory, update({ clientId: 2, clock: 5, state: { user: { color: '#000' } } }));
    guard.receive(mallory, update({ clientId: 3, clock: 5, state: null }));
    guard.receive(mallory, update({ clientId: 500, clock: 5, state: null }));
    expect(awareness.getStates().get(2)).toEqual({ user: ann });
    expect(awareness.getStates().has(3)).toBe(true);
    expect(awareness.meta.has(500)).toBe(false);

    // Once Ann's socket is gone, her ids are hers to take up again (a reconnecting tab keeps
    // its id); someone else's echo of her last state is dropped.
    guard.forget(ann);
    guard.receive(mallory, update({ clientId: 2, clock: 6, state: { user: ann } }));
    expect(awareness.getStates().get(2)).toEqual({ user: ann });
    expect(awareness.meta.get(2)?.clock).toBe(1);
    const annAgain = { ...ann };
    guard.receive(annAgain, update({ clientId: 2, clock: 7, state: {} }));
    expect(awareness.getStates().get(2)).toEqual({ user: ann });
    expect(awareness.meta.get(2)?.clock).toBe(7);
  });

  it("drops the states other sockets' clients echo back, with the identity the server put on them", () => {
    guard.receive(ann, update({ clientId: 11, clock: 1, state: validState() }));
    const relayedState = awareness.getStates().get(11);
    expect(() => guard.receive(mallory, update({ clientId: 11, clock: 1, state: relayedState ?? null }))).not.toThrow();
    expect(awareness.getStates().get(11)).toEqual(relayedState);
  });

  it('merges updates beyond the rate and always relays the last one', () => {
    const { burst, updatesPerSecond } = DEFAULT_AWARENESS_LIMITS;
    const sent = 500;
    for (let clock = 1; clock <= sent; clock++)
      guard.receive(mallory, update({ clientId: 7, clock, state: validState(clock) }));
    expect(relayed).toHaveLength(burst);
    vi.advanceTimersByTime(1000);
    // One more per 1000 / updatesPerSecond ms; all that waited arrive merged, the latest one last.
    expect(relayed.length).toBeLessThanOrEqual(burst + 1);
    expect(awareness.getStates().get(7)?.cursor.anchor.item.clock).toBe(sent);

    // A steady stream is relayed at the rate, not at the speed it is sent.
    relayed = [];
    for (let ms = 0; ms < 2000; ms += 5) {
      guard.receive(mallory, update({ clientId: 7, clock: sent + 1 + ms, state: validState(ms + 1) }));
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(1000);
    expect(relayed.length).toBeLessThanOrEqual(2 * updatesPerSecond + burst + 1);
    expect(relayed.length).toBeGreaterThanOrEqual(2 * updatesPerSecond);
    expect(awareness.getStates().get(7)?.cursor.anchor.item.clock).toBe(1996);
  });

  it('drops what waits for a socket that left', () => {
    for (let clock = 1; clock <= 40; clock++)
      guard.receive(mallory, update({ clientId: 7, clock, state: validState(clock) }));
    const before = relayed.length;
    guard.forget(mallory);
    vi.advanceTimersByTime(5000);
    expect(relayed).toHaveLength(before);
  });
});
