import { type ClientMessage, encodeAppFrame } from '@codestream/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakePeer } from './testing/FakePeer.ts';
import { createTestRoom } from './testing/roomTestBed.ts';

let bed: ReturnType<typeof createTestRoom>;
afterEach(async () => {
  await bed.close();
});

const ask = (peer: FakePeer, message: ClientMessage) => bed.room.receive(peer, encodeAppFrame(message));
const settle = () => new Promise((resolve) => setImmediate(resolve));
const exited = (code: number) => ({ type: 'exit', outcome: 'exited', code, signal: null, durationMs: 5 }) as const;

describe('Room summary, in memory', () => {
  it('tells of joins, edits and jobs, and summarises who edited where', async () => {
    const changes: string[] = [];
    bed = createTestRoom({ onChange: (roomId) => changes.push(roomId) });
    const ann = bed.join('Ann', 'u-ann');
    expect(changes.length).toBeGreaterThan(0);
    const code = ann.doc.getText('code');
    code.insert(0, Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n'));
    const before = changes.length;
    code.insert(code.toString().indexOf('line 30'), '# here\n');
    expect(changes.length).toBeGreaterThan(before);
    const summary = bed.room.summary();
    expect(summary).toMatchObject({ lastEditBy: 'Ann', lines: 41, online: [{ id: 'u:u-ann', name: 'Ann' }] });
    expect(summary.preview.text.split('\n')).toContain('# here');
    expect(summary.preview.firstLine).toBe(20);
  });

  it('counts failed runs in a row until one succeeds, and stores the count when the room unloads', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    const run = async (code: number) => {
      ask(ann, { type: 'run' });
      (await bed.judge.nextRun()).emit(exited(code));
      await settle();
      await settle();
    };
    await run(1);
    await run(2);
    expect(bed.room.summary()).toMatchObject({ failStreak: 2, lastRun: { outcome: 'exited', exitCode: 2 } });
    await run(0);
    expect(bed.room.summary().failStreak).toBe(0);
    await run(1);
    bed.room.leave(ann);
    await bed.room.close();
    expect(bed.store.closedDocs.get('room-1')?.activity).toMatchObject({ failStreak: 1, lastEditBy: null });
  });

  it('leaves an observing host out of the summary while observers are hidden', async () => {
    bed = createTestRoom();
    bed.join('Stu', 'u-stu');
    const observer = bed.join('Olga', 'u-olga', 'viewer');
    Object.assign(observer, { observer: true });
    bed.room.applySettings(
      {
        runPolicy: 'everyone',
        languageLocked: false,
        editingLocked: false,
        playbackForAll: false,
        observersVisible: false,
      },
      {
        title: 'T',
        durationMinutes: null,
        timerStartedAt: null,
        autoEnd: false,
        endedAt: null,
        archiveForGuests: false,
      },
    );
    expect(bed.room.summary().online.map((p) => p.name)).toEqual(['Stu']);
    expect(bed.room.summary().title).toBe('T');
  });
});
