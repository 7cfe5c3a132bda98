import {
  type ClientMessage,
  DEFAULT_ROOM_CONTROLS,
  DEFAULT_ROOM_SESSION,
  encodeAppFrame,
  type RoomControls,
} from '@codestream/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { updateFrame } from './frames.ts';
import { UpdateRefusedError } from './Room.ts';
import type { FakePeer } from './testing/FakePeer.ts';
import { createTestRoom } from './testing/roomTestBed.ts';

let bed: ReturnType<typeof createTestRoom>;

afterEach(async () => {
  vi.useRealTimers();
  await bed.close();
});

/** Sends `message` as `peer` and delivers what the room answered. */
function ask(peer: FakePeer, message: ClientMessage): void {
  bed.room.receive(peer, encodeAppFrame(message));
  peer.deliver();
}

function control(change: Partial<RoomControls>, ...peers: FakePeer[]): void {
  bed.room.applySettings({ ...DEFAULT_ROOM_CONTROLS, ...change }, DEFAULT_ROOM_SESSION);
  for (const peer of peers) peer.deliver();
}

function insertion(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('code').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('Room host controls, in memory', () => {
  it('tells everyone the new controls', () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    control({ languageLocked: true }, ann);
    expect(ann.received('settings').at(-1)?.settings.controls.languageLocked).toBe(true);
  });

  it('keeps the language to hosts while it is locked', () => {
    bed = createTestRoom();
    const host = bed.join('Hal', 'h1', 'host');
    const editor = bed.join('Ann');
    control({ languageLocked: true }, editor);
    const settingsBefore = editor.received('settings').length;
    ask(editor, { type: 'set-language', language: 'go' });
    expect(editor.received('refused').at(-1)?.message).toMatch(/locked the language/);
    expect(bed.room.language).toBe('python');
    // The editor's page, which showed Go at once, is told the room's language again.
    expect(
      editor
        .received('settings')
        .slice(settingsBefore)
        .map((m) => m.settings.language),
    ).toEqual(['python']);
    ask(host, { type: 'set-language', language: 'go' });
    expect(bed.room.language).toBe('go');
  });

  it('keeps Run, Submit and Stop to hosts when they decide so', async () => {
    bed = createTestRoom({ problemSlug: 'p' });
    const host = bed.join('Hal', 'h1', 'host');
    const editor = bed.join('Ann');
    control({ runPolicy: 'hosts' });
    for (const type of ['run', 'submit', 'stop'] as const) ask(editor, { type });
    expect(editor.received('refused').map((m) => m.message)).toEqual([
      expect.stringMatching(/Only hosts can run/),
      expect.stringMatching(/Only hosts can submit/),
      expect.stringMatching(/Only hosts can stop/),
    ]);
    expect(bed.judge.runs).toHaveLength(0);
    expect(bed.judge.submissions).toHaveLength(0);
    ask(host, { type: 'run' });
    await bed.judge.nextRun(0);
  });
});

describe('Room end, in memory', () => {
  it('refuses every edit and job once ended, from hosts too, and takes them again when reopened', () => {
    bed = createTestRoom();
    const host = bed.join('Hal', 'h1', 'host');
    const ended = { ...DEFAULT_ROOM_SESSION, endedAt: Date.now() };
    bed.room.applySettings(DEFAULT_ROOM_CONTROLS, ended);
    host.deliver();
    expect(host.received('settings').at(-1)?.settings.session.endedAt).toBe(ended.endedAt);
    expect(() => bed.room.receive(host, updateFrame(insertion('late')))).toThrow(UpdateRefusedError);
    host.deliver();
    expect(host.received('update-refused').at(-1)?.message).toMatch(/ended/);
    expect(bed.room.doc.getText('code').toString()).not.toContain('late');

    const again = bed.join('Hal', 'h1', 'host');
    ask(again, { type: 'run' });
    expect(again.received('refused').at(-1)?.message).toMatch(/ended/);

    bed.room.applySettings(DEFAULT_ROOM_CONTROLS, DEFAULT_ROOM_SESSION);
    bed.room.receive(again, updateFrame(insertion('reopened')));
    expect(bed.room.doc.getText('code').toString()).toContain('reopened');
  });

  it('ends by itself when its timer runs out, and says so to everyone', () => {
    vi.useFakeTimers();
    const due = vi.fn();
    const session = {
      ...DEFAULT_ROOM_SESSION,
      durationMinutes: 30,
      timerStartedAt: Date.now(),
      autoEnd: true,
    };
    bed = createTestRoom({ session, onSessionDue: due });
    const ann = bed.join('Ann');
    vi.advanceTimersByTime(30 * 60_000 - 1);
    expect(bed.room.ended).toBe(false);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(bed.room.ended).toBe(true);
    expect(due).toHaveBeenCalledWith('room-1');
    ann.deliver();
    expect(ann.received('settings')).toHaveLength(1);
    ask(ann, { type: 'run' });
    expect(ann.received('refused').at(-1)?.message).toMatch(/ended/);
  });

  it('stops the job that was going when it ends, by a host or by its timer', async () => {
    vi.useFakeTimers();
    const session = { ...DEFAULT_ROOM_SESSION, durationMinutes: 30, timerStartedAt: Date.now(), autoEnd: true };
    bed = createTestRoom({ session });
    const host = bed.join('Hal', 'h1', 'host');
    ask(host, { type: 'run' });
    const byHost = await bed.judge.nextRun(0);
    bed.room.applySettings(DEFAULT_ROOM_CONTROLS, { ...session, endedAt: Date.now() });
    expect(byHost.signal.aborted).toBe(true);

    bed.room.applySettings(DEFAULT_ROOM_CONTROLS, session);
    // Once the stopped run has left the slot.
    await vi.waitFor(() => {
      ask(host, { type: 'run' });
      expect(bed.judge.runs).toHaveLength(2);
    });
    const byTimer = await bed.judge.nextRun(1);
    vi.advanceTimersByTime(session.timerStartedAt + 30 * 60_000 - Date.now() - 1);
    expect(byTimer.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(byTimer.signal.aborted).toBe(true);
  });
});
