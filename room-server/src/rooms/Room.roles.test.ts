import { type ClientMessage, encodeAppFrame } from '@codestream/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateFrame } from './frames.ts';
import { UpdateRefusedError } from './Room.ts';
import { createTestRoom } from './testing/roomTestBed.ts';

let bed: ReturnType<typeof createTestRoom>;

afterEach(async () => {
  await bed.close();
});

/** An update inserting `text` into the code, made apart from the room (as a client would). */
function insertion(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('code').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const ask = (peer: Parameters<typeof bed.room.receive>[0], message: ClientMessage) =>
  bed.room.receive(peer, encodeAppFrame(message));

describe('Room roles, in memory', () => {
  it("refuses a viewer's edit whole, tells the viewer why, and relays nothing of it", () => {
    bed = createTestRoom();
    const editor = bed.join('Ann');
    const viewer = bed.join('Vic', null, 'viewer');
    const before = editor.syncTypes.length;
    expect(() => bed.room.receive(viewer, updateFrame(insertion('sneaky')))).toThrow(UpdateRefusedError);
    viewer.deliver();
    editor.deliver();
    expect(viewer.received('update-refused')).toEqual([
      { type: 'update-refused', reason: 'read-only', message: expect.stringMatching(/viewer/) },
    ]);
    expect(bed.room.doc.getText('code').toString()).not.toContain('sneaky');
    expect(editor.syncTypes.length).toBe(before);
  });

  it("accepts a viewer's sync answers that add nothing, deletions included, and relays the editors' edits", () => {
    bed = createTestRoom();
    const viewer = bed.join('Vic', null, 'viewer');
    const editor = bed.join('Ann');
    expect(() => bed.room.receive(viewer, updateFrame(Y.encodeStateAsUpdate(new Y.Doc())))).not.toThrow();
    editor.doc.getText('code').insert(0, 'print(1) # gone');
    editor.doc.getText('code').delete(8, 7);
    viewer.deliver();
    expect(viewer.code).toBe('print(1)');
    // As on reconnecting: the viewer answers the room's state vector with what it has,
    // which always carries its whole delete set.
    const answer = Y.encodeStateAsUpdate(viewer.doc, Y.encodeStateVector(bed.room.doc));
    expect(Y.decodeUpdate(answer).ds.clients.size).toBeGreaterThan(0);
    expect(() => bed.room.receive(viewer, updateFrame(answer))).not.toThrow();
    // A deletion the room does not have yet is a change, and refused.
    const deleting = new Y.Doc();
    Y.applyUpdate(deleting, Y.encodeStateAsUpdate(bed.room.doc));
    deleting.getText('code').delete(0, 5);
    const deletion = Y.encodeStateAsUpdate(deleting, Y.encodeStateVector(bed.room.doc));
    expect(() => bed.room.receive(viewer, updateFrame(deletion))).toThrow(UpdateRefusedError);
    expect(bed.room.doc.getText('code').toString()).toBe('print(1)');
  });

  it('refuses run, submit, stop and language changes from a viewer, only to the viewer', async () => {
    bed = createTestRoom({ problemSlug: 'sum' });
    const editor = bed.join('Ann');
    const viewer = bed.join('Vic', null, 'viewer');
    for (const message of [
      { type: 'run' },
      { type: 'submit' },
      { type: 'stop' },
      { type: 'set-language', language: 'cpp' },
    ] as const) {
      ask(viewer, message);
    }
    viewer.deliver();
    editor.deliver();
    expect(viewer.received('refused').map((m) => m.message)).toEqual([
      expect.stringMatching(/viewer.*run the code/),
      expect.stringMatching(/viewer.*submit/),
      expect.stringMatching(/viewer.*stop/),
      expect.stringMatching(/viewer.*language/),
    ]);
    expect(editor.received('refused')).toEqual([]);
    expect(editor.received('settings')).toEqual([]);
    expect(bed.room.language).toBe('python');

    ask(editor, { type: 'set-language', language: 'cpp' });
    expect(bed.room.language).toBe('cpp');
  });
});
