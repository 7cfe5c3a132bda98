import { DocKeys } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedDoc } from '../seedDoc.ts';
import { typingSession } from '../testing/typingSession.ts';
import { PlaybackIndex } from './PlaybackIndex.ts';

const session = typingSession({ updates: 1_200, authors: ['u:ann', 'g:Bob'], durationMs: 600_000, startAt: 1_000 });

function indexOf(checkpointEvery = 100) {
  const index = new PlaybackIndex({ seq: 0, at: 1_000, doc: session.seed }, checkpointEvery);
  index.extend(session.entries);
  return index;
}

describe('PlaybackIndex', () => {
  it('rebuilds the exact code the authors had after every update', () => {
    const index = indexOf();
    expect(index.lastSeq).toBe(1_200);
    for (let seq = 0; seq <= 1_200; seq++) expect(index.moment(seq).code, `seq ${seq}`).toBe(session.texts.get(seq));
  });

  it('gives the same moments whatever the checkpoint spacing, and when extended piecemeal', () => {
    const every = indexOf(1);
    const piecemeal = new PlaybackIndex({ seq: 0, at: 1_000, doc: session.seed }, 333);
    for (let start = 0; start < session.entries.length; start += 97) {
      piecemeal.extend(session.entries.slice(start, start + 97));
    }
    for (const seq of [0, 1, 332, 333, 334, 999, 1_200]) {
      expect(piecemeal.moment(seq)).toEqual(every.moment(seq));
    }
  });

  it('clamps seeks outside the history and times a moment by its update', () => {
    const index = indexOf();
    expect(index.moment(-5).seq).toBe(0);
    expect(index.moment(-5).at).toBe(1_000);
    expect(index.moment(99_999).seq).toBe(1_200);
    expect(index.moment(500).at).toBe(session.entries[499]?.at);
    expect(session.entries.at(-1)?.at).toBeGreaterThan(590_000);
  });

  it('refuses an update that does not follow the last one', () => {
    const index = indexOf();
    expect(() => index.extend([{ ...(session.entries[5] as (typeof session.entries)[number]), seq: 1_202 }])).toThrow(
      /1202 does not follow 1200/,
    );
  });

  it('attributes each character to whoever typed it, and the seed to no one', () => {
    const seed = seedDoc('python');
    const index = new PlaybackIndex({ seq: 0, at: 0, doc: seed });
    const ann = new Y.Doc();
    const bob = new Y.Doc();
    Y.applyUpdate(ann, seed);
    const template = ann.getText(DocKeys.code).toString();
    const entries: { author: string; update: Uint8Array }[] = [];
    const edit = (doc: Y.Doc, author: string, change: (text: Y.Text) => void) => {
      const capture = (update: Uint8Array) => entries.push({ author, update });
      doc.on('update', capture);
      change(doc.getText(DocKeys.code));
      doc.off('update', capture);
      Y.applyUpdate(doc === ann ? bob : ann, entries.at(-1)?.update as Uint8Array);
    };
    Y.applyUpdate(bob, seed);
    edit(ann, 'u:ann', (text) => text.insert(0, 'AAA'));
    edit(bob, 'g:Bob', (text) => text.insert(1, 'bb'));
    edit(ann, 'u:ann', (text) => text.delete(4, 1));
    index.extend(entries.map((entry, i) => ({ ...entry, seq: i + 1, at: i + 1 })));

    const afterBob = index.moment(2);
    expect(afterBob.code).toBe(`AbbAA${template}`);
    expect(afterBob.spans).toEqual([
      { from: 0, to: 1, author: 'u:ann' },
      { from: 1, to: 3, author: 'g:Bob' },
      { from: 3, to: 5, author: 'u:ann' },
      { from: 5, to: 5 + template.length, author: null },
    ]);
    expect(afterBob.edit).toEqual({ author: 'g:Bob', inserted: [[1, 3]], deleted: [] });
    const afterDelete = index.moment(3);
    expect(afterDelete.code).toBe(`AbbA${template}`);
    expect(afterDelete.edit).toEqual({ author: 'u:ann', inserted: [], deleted: [[4, 1]] });
    expect(index.moment(0).edit).toBeNull();
  });
});
