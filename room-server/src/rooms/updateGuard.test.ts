import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from './updateGuard.ts';

function roomDoc(seed = 'print("hi")\n'): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('code').insert(0, seed);
  return doc;
}

function rootsOf(doc: Y.Doc): Map<string, Y.Text> {
  return new Map([
    ['code', doc.getText('code')],
    ['stdin', doc.getText('stdin')],
  ]);
}

function check(doc: Y.Doc, update: Uint8Array) {
  return checkUpdate(doc, rootsOf(doc), update);
}

/** A participant's doc synced with `server`, and every update it makes from now on. */
function participant(server: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

/** What a participant's update would do to a fresh copy of `server`, to compare against refusals. */
function applyToCopy(server: Y.Doc, update: Uint8Array): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  Y.applyUpdate(copy, update);
  return copy;
}

describe('checkUpdate accepts what editors send', () => {
  it('typing, deleting and input, one update at a time', () => {
    const server = roomDoc();
    const { doc, updates } = participant(server);
    const code = doc.getText('code');
    code.insert(0, '# é ✓ 😀\n');
    code.delete(2, 3);
    code.insert(code.length, 'x = 1\n');
    doc.getText('stdin').insert(0, '42\n');
    code.delete(0, code.length);
    for (const update of updates) {
      expect(check(server, update)).toEqual({ ok: true, structs: expect.any(Number) });
      Y.applyUpdate(server, update);
    }
    expect(server.getText('code').toString()).toBe('');
    expect(server.getText('stdin').toString()).toBe('42\n');
  });

  it("sync step 2: a participant's whole diff, with edits made offline and another's edits it relays", () => {
    const server = roomDoc();
    const ann = participant(server);
    const bob = participant(server);
    ann.doc.getText('code').insert(0, 'ann offline\n');
    bob.doc.getText('code').insert(3, 'bob offline\n');
    // Bob got Ann's edit from elsewhere before the server did (a server that lost it).
    Y.applyUpdate(bob.doc, Y.encodeStateAsUpdate(ann.doc));
    bob.doc.getText('code').delete(0, 4);
    const diff = Y.encodeStateAsUpdate(bob.doc, Y.encodeStateVector(server));
    expect(check(server, diff).ok).toBe(true);
    Y.applyUpdate(server, diff);
    expect(server.getText('code').toString()).toBe(bob.doc.getText('code').toString());
    // Ann's own diff now overlaps what the server has: still accepted, nothing changes.
    const annDiff = Y.encodeStateAsUpdate(ann.doc, new Uint8Array([0]));
    expect(check(server, annDiff).ok).toBe(true);
  });

  it('a participant already in sync sends an update with no structs (deletions only)', () => {
    const server = roomDoc();
    const { doc } = participant(server);
    doc.getText('code').delete(0, 3);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    expect(check(server, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server)))).toEqual({ ok: true, structs: 0 });
  });

  it('items next to a range the room collected', () => {
    const server = roomDoc();
    const ann = participant(server);
    ann.doc.getText('code').insert(0, 'temp');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(ann.doc));
    const bob = participant(server);
    ann.doc.getText('code').delete(0, 4);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(ann.doc));
    bob.doc.getText('code').insert(2, 'b');
    expect(check(server, bob.updates[0] as Uint8Array).ok).toBe(true);
  });
});

describe('checkUpdate refuses, whole', () => {
  const refusals: [string, (server: Y.Doc) => Uint8Array, RegExp][] = [
    [
      'a settings map entry (the language as an object)',
      () => updateOf((doc) => doc.getMap('settings').set('language', { evil: true })),
      /map entries/,
    ],
    ['a text under another root name', () => updateOf((doc) => doc.getText('evil').insert(0, 'x')), /not a room text/],
    [
      'an array of values in a room root',
      () => updateOf((doc) => doc.getArray('code').insert(0, [1, { a: 2 }])),
      /kind 8/,
    ],
    ['a nested type', () => updateOf((doc) => doc.getArray('code').insert(0, [new Y.Map()])), /kind 7/],
    ['formatting', () => updateOf((doc) => doc.getText('code').insert(0, 'b', { bold: true })), /kind 6/],
    ['an embed', () => updateOf((doc) => doc.getText('code').insertEmbed(0, { img: 'x' })), /kind 5/],
    ['a subdocument', () => updateOf((doc) => doc.getArray('code').insert(0, [new Y.Doc()])), /kind 9/],
    ['binary content', () => updateOf((doc) => doc.getArray('code').insert(0, [new Uint8Array([1])])), /kind 3/],
    [
      'an item inside a nested type',
      () => {
        const doc = new Y.Doc();
        const map = new Y.Map<Y.Text>();
        doc.getMap('code').set('x', map);
        const before = Y.encodeStateVector(doc);
        map.set('y', new Y.Text('z'));
        return Y.encodeStateAsUpdate(doc, before);
      },
      /nested types/,
    ],
    [
      'trailing bytes',
      () => Uint8Array.from([...updateOf((doc) => doc.getText('code').insert(0, 'x')), 0]),
      /trailing/,
    ],
    ['a truncated update', () => updateOf((doc) => doc.getText('code').insert(0, 'xyz')).slice(0, -4), /undecodable/],
    ['garbage', () => new Uint8Array([255, 255, 255, 255, 1, 2, 3]), /undecodable|kind/],
    [
      'an edit whose earlier edits the room never got (it would wait as pending structs)',
      (server) => {
        const { doc, updates } = participant(server);
        doc.getText('code').insert(0, 'first');
        doc.getText('code').insert(5, ' second');
        return updates[1] as Uint8Array;
      },
      /starts at/,
    ],
    [
      'an edit after another participant edit the room never got',
      (server) => {
        const ann = participant(server);
        ann.doc.getText('code').insert(0, 'ann');
        const bob = participant(ann.doc);
        bob.doc.getText('code').insert(3, 'bob');
        return bob.updates[0] as Uint8Array;
      },
      /nobody has/,
    ],
    ['deletions of what nobody has (a pending delete set)', () => withDeletes([[123456, 0, 5]]), /nobody has/],
    [
      'a gap (skip struct) from merged updates',
      (server) => {
        const { doc, updates } = participant(server);
        doc.getText('code').insert(0, 'a');
        doc.getText('code').insert(1, 'b');
        doc.getText('code').insert(2, 'c');
        return Y.mergeUpdates([updates[0] as Uint8Array, updates[2] as Uint8Array]);
      },
      /skip/,
    ],
    [
      'text after the language entry of a legacy settings map',
      (server) => {
        const legacy = new Y.Doc();
        legacy.getMap('settings').set('language', 'python');
        Y.applyUpdate(server, Y.encodeStateAsUpdate(legacy));
        return textAfter({ client: legacy.clientID, clock: 0 }, 'x');
      },
      /not in a room text/,
    ],
    ['an empty deleted range', (server) => withDeletes([[server.clientID, 0, 0]]), /empty/],
  ];

  for (const [what, make, detail] of refusals) {
    it(what, () => {
      const server = roomDoc();
      const update = make(server);
      const before = Y.encodeStateAsUpdate(server);
      const result = check(server, update);
      // Missing dependencies may still arrive (the server holds such an update a while).
      const missing = /starts at|nobody has/.test(detail.source);
      expect(result).toEqual({ ok: false, detail: expect.stringMatching(detail), missing });
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    });
  }

  it('the same client twice in one update', () => {
    const server = roomDoc();
    const { doc, updates } = participant(server);
    doc.getText('code').insert(0, 'a');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    for (let i = 0; i < 2; i++) {
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, doc.clientID);
      encoding.writeVarUint(encoder, 0);
    }
    encoding.writeVarUint(encoder, 0);
    expect(check(server, encoding.toUint8Array(encoder))).toEqual({
      ok: false,
      detail: expect.stringMatching(/twice/),
      missing: false,
    });
    expect(check(server, updates[0] as Uint8Array).ok).toBe(true);
  });
});

describe('checkUpdate against fuzzed updates', () => {
  it('whatever it accepts applies whole: no pending structs or deletes, only the room texts', () => {
    const server = roomDoc('base\n');
    const { doc, updates } = participant(server);
    const code = doc.getText('code');
    code.insert(2, 'hello ');
    code.delete(0, 3);
    doc.getText('stdin').insert(0, 'in');
    const samples = [...updates, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server))];
    let random = 7;
    const next = () => {
      random = (random * 1103515245 + 12345) % 2 ** 31;
      return random;
    };
    let accepted = 0;
    for (let i = 0; i < 1_000; i++) {
      const sample = samples[i % samples.length] as Uint8Array;
      const mutated = sample.slice();
      for (let flips = 1 + (next() % 3); flips > 0; flips--) mutated[next() % mutated.length] = next() % 256;
      const target = applyToCopy(server, new Uint8Array([0, 0]));
      if (!check(target, mutated).ok) continue;
      accepted++;
      Y.applyUpdate(target, mutated);
      expect(target.store.pendingStructs).toBeNull();
      expect(target.store.pendingDs).toBeNull();
      expect([...target.share.keys()].every((key) => key === 'code' || key === 'stdin')).toBe(true);
    }
    // Some mutations only change characters: those are valid edits and must pass.
    expect(accepted).toBeGreaterThan(0);
  });
});

/** The update that `change` makes to a fresh doc. */
function updateOf(change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  change(doc);
  return Y.encodeStateAsUpdate(doc);
}

/** An update of one text item of a new client, inserted right after `origin`. */
function textAfter(origin: { client: number; clock: number }, text: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 424242);
  encoding.writeVarUint(encoder, 0);
  // Info: string content (4) with an origin (bit 8).
  encoding.writeUint8(encoder, 4 | 0b1000_0000);
  encoding.writeVarUint(encoder, origin.client);
  encoding.writeVarUint(encoder, origin.clock);
  encoding.writeVarString(encoder, text);
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

/** An update with no structs and these deleted ranges (client, clock, length). */
function withDeletes(ranges: [number, number, number][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, ranges.length);
  for (const [client, clock, length] of ranges) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarUint(encoder, length);
  }
  return encoding.toUint8Array(encoder);
}
