import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ClientAuthors, planTakeover } from './takeover.ts';

const ann = { userId: 'ann' };
const bob = { userId: 'bob' };

/** A doc that records each of its changes as one update. */
function editor(clientID: number) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates, text: doc.getText('code') };
}

describe('planTakeover', () => {
  it('stores the stream entries the log lacks, once, and what only the doc holds, by its author', () => {
    const a = editor(1);
    a.text.insert(0, 'one ');
    a.text.insert(4, 'two ');
    const b = editor(2);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    b.text.insert(8, 'three ');
    // Stored: the first update (the old holder stored it, then died before marking it).
    const storedDoc = new Y.Doc();
    Y.applyUpdate(storedDoc, a.updates[0] as Uint8Array);
    const entries = [
      { id: '1-0', author: ann, update: a.updates[0] as Uint8Array },
      { id: '2-0', author: ann, update: a.updates[1] as Uint8Array },
    ];
    // This server's doc also has Bob's edit, which no stream entry carries any more.
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(b.doc));
    const authors = new ClientAuthors();
    authors.learn(b.updates.at(-1) as Uint8Array, bob);
    const planned = planTakeover({
      stored: Y.encodeStateAsUpdate(storedDoc),
      entries,
      doc: server,
      coming: [],
      authors,
    });
    expect(planned.map((entry) => [entry.source, entry.author])).toEqual([
      ['2-0', ann],
      [undefined, bob],
    ]);
    const replay = new Y.Doc();
    Y.applyUpdate(replay, Y.encodeStateAsUpdate(storedDoc));
    for (const entry of planned) Y.applyUpdate(replay, entry.update);
    expect(replay.getText('code').toString()).toBe('one two three ');
  });

  it('leaves out what is on its way through the stream, and plans nothing when the log is complete', () => {
    const a = editor(1);
    a.text.insert(0, 'hello');
    const server = new Y.Doc();
    Y.applyUpdate(server, a.updates[0] as Uint8Array);
    const planned = planTakeover({
      stored: Y.encodeStateAsUpdate(new Y.Doc()),
      entries: [],
      doc: server,
      coming: [a.updates[0] as Uint8Array],
      authors: new ClientAuthors(),
    });
    expect(planned).toEqual([]);
  });
});
