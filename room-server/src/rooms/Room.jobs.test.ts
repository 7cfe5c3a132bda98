import { type ClientMessage, encodeAppFrame, type RunView } from '@codestream/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OUTPUT_HOLD_MS } from './OutputCoalescer.ts';
import type { FakePeer } from './testing/FakePeer.ts';
import { createTestRoom, otherServers } from './testing/roomTestBed.ts';

let bed: ReturnType<typeof createTestRoom>;

afterEach(async () => {
  vi.useRealTimers();
  await bed.close();
});

const ask = (peer: FakePeer, message: ClientMessage) => bed.room.receive(peer, encodeAppFrame(message));
/** Lets the room's jobs take every event the scripted judge has queued. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
/** Lets output held to be merged (OutputCoalescer) go out. */
const outputSent = () => new Promise((resolve) => setTimeout(resolve, OUTPUT_HOLD_MS + 10));
const exit = { type: 'exit', outcome: 'exited', code: 0, signal: null, durationMs: 12 } as const;

describe('Room runs, in memory', () => {
  it('runs the room’s code and input, streams the output to everyone and stores the run', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann', 'u-ann');
    const bob = bed.join('Bob');
    ann.doc.getText('code').insert(0, 'print(input())');
    ann.doc.getText('stdin').insert(0, 'hi');
    ask(ann, { type: 'run' });
    const job = await bed.judge.nextRun();
    expect(job.request).toMatchObject({ language: 'python', code: 'print(input())', stdin: 'hi', queueKey: 'room-1' });

    job.emit({ type: 'output', stream: 'stdout', data: 'h' }, { type: 'output', stream: 'stdout', data: 'i\n' }, exit);
    await settle();
    bob.deliver();
    const runId = bob.received('run-started')[0]?.run.id;
    expect(bob.received('run-started')).toEqual([
      {
        type: 'run-started',
        run: { id: runId, startedBy: 'Ann', language: 'python', requestedAt: expect.any(Number) },
      },
    ]);
    // Output that came together reaches the room as one message, before the exit.
    expect(bob.received('run-event').map((m) => m.event)).toEqual([
      { type: 'output', stream: 'stdout', data: 'hi\n' },
      exit,
    ]);
    // Stored with the output merged per stream, as a late joiner sees it.
    expect(bed.store.runs.get(runId as string)).toMatchObject({
      roomId: 'room-1',
      startedBy: 'Ann',
      code: 'print(input())',
      stdin: 'hi',
      events: [{ type: 'output', stream: 'stdout', data: 'hi\n' }, exit],
      exit,
    });
  });

  it('gives a late joiner the room state with the run as it is now', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    ask(ann, { type: 'run' });
    const job = await bed.judge.nextRun();
    job.emit({ type: 'output', stream: 'stdout', data: 'one\n' }, { type: 'output', stream: 'stdout', data: 'two\n' });
    await settle();
    await outputSent();
    const bob = bed.join('Bob');
    const run = bob.received('room-state')[0]?.run as RunView;
    expect(run.startedBy).toBe('Ann');
    expect(run.events).toEqual([{ type: 'output', stream: 'stdout', data: 'one\ntwo\n' }]);
    job.emit(exit);
    await settle();
    expect(bed.join('Cid').received('room-state')[0]?.run?.events.at(-1)).toEqual(exit);
  });

  it('merges output for a few milliseconds, in order, and shows it once to someone joining meanwhile', async () => {
    // The held output waits on a fake clock: a slow machine cannot let it go early.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    bed = createTestRoom();
    const ann = bed.join('Ann');
    ask(ann, { type: 'run' });
    const job = await bed.judge.nextRun();
    job.emit(
      { type: 'started', at: 1 },
      ...[...'abc'].map((data) => ({ type: 'output', stream: 'stdout', data }) as const),
    );
    await settle();
    // Joins while the output waits: its room state has only what was sent, the rest follows.
    const bob = bed.join('Bob');
    expect(bob.received('room-state')[0]?.run?.events).toEqual([{ type: 'started', at: 1 }]);
    job.emit(
      { type: 'output', stream: 'stderr', data: 'oops\n' },
      { type: 'output', stream: 'stdout', data: 'd' },
      { type: 'output', stream: 'stdout', data: 'e' },
    );
    await settle();
    vi.advanceTimersByTime(OUTPUT_HOLD_MS);
    job.emit({ type: 'output', stream: 'stdout', data: 'f' }, exit);
    await settle();
    ann.deliver();
    bob.deliver();
    const expected = [
      { type: 'started', at: 1 },
      { type: 'output', stream: 'stdout', data: 'abc' },
      { type: 'output', stream: 'stderr', data: 'oops\n' },
      { type: 'output', stream: 'stdout', data: 'de' },
      // The exit sends the output still held before itself.
      { type: 'output', stream: 'stdout', data: 'f' },
      exit,
    ];
    expect(ann.received('run-event').map((m) => m.event)).toEqual(expected);
    expect(bob.received('run-event').map((m) => m.event)).toEqual(expected.slice(1));
  });

  it('refuses a run while a submission runs, and starts one once it finished', async () => {
    bed = createTestRoom({ problemSlug: 'two-sum' });
    const ann = bed.join('Ann');
    const bob = bed.join('Bob');
    ask(ann, { type: 'submit' });
    const submission = await bed.judge.nextSubmission();
    ask(bob, { type: 'run' });
    bob.deliver();
    expect(bob.received('refused')).toEqual([
      { type: 'refused', message: 'A submission by Ann is still going. Wait for it to finish or press Stop.' },
    ]);
    expect(bed.judge.runs).toHaveLength(0);

    submission.emit({ type: 'finished', verdict: 'accepted', passed: 1, total: 1, totalMs: 3 });
    await settle();
    ask(bob, { type: 'run' });
    await bed.judge.nextRun(0);
    ask(ann, { type: 'submit' });
    ann.deliver();
    expect(ann.received('refused').at(-1)?.message).toBe(
      'A run started by Bob is still going. Wait for it to finish or press Stop.',
    );
  });

  it('stops the active job on Stop, and says so when nothing runs', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    ask(ann, { type: 'stop' });
    ann.deliver();
    expect(ann.received('refused')).toEqual([{ type: 'refused', message: 'Nothing is running.' }]);
    ask(ann, { type: 'run' });
    const job = await bed.judge.nextRun();
    ask(ann, { type: 'stop' });
    expect(job.signal.aborted).toBe(true);
    await settle();
    ann.deliver();
    expect(ann.received('run-event').at(-1)?.event).toMatchObject({ type: 'exit', outcome: 'stopped' });
    // The slot is free again.
    ask(ann, { type: 'run' });
    await bed.judge.nextRun(1);
  });

  it('cancels the job when everyone has left, and stores it as stopped', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    ask(ann, { type: 'run' });
    const job = await bed.judge.nextRun();
    expect(ann.leave()).toBe(0);
    bed.room.emptied();
    expect(job.signal.aborted).toBe(true);
    await settle();
    const [stored] = bed.store.runs.values();
    expect(stored?.exit).toMatchObject({ outcome: 'stopped' });
  });

  it('ends a run whose judge crashed with an error exit, and a stopped one whose judge crashed as stopped', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    ask(ann, { type: 'run' });
    (await bed.judge.nextRun()).fail();
    await settle();
    ann.deliver();
    expect(ann.received('run-event').at(-1)?.event).toMatchObject({
      type: 'exit',
      outcome: 'error',
      message: 'The judge stopped unexpectedly. Try again.',
    });
    expect(bed.log.entries).toContainEqual({ level: 'error', message: 'run failed' });

    ask(ann, { type: 'run' });
    const second = await bed.judge.nextRun(1);
    second.fail();
    ask(ann, { type: 'stop' });
    await settle();
    ann.deliver();
    expect(ann.received('run-event').at(-1)?.event).toMatchObject({
      outcome: 'stopped',
      message: 'The run was stopped.',
    });
  });

  it('streams a run whose record could not be stored to everyone, and does not store its end', async () => {
    bed = createTestRoom();
    const ann = bed.join('Ann');
    bed.store.failInserts = 1;
    ask(ann, { type: 'run' });
    const job = await bed.judge.nextRun();
    job.emit({ type: 'output', stream: 'stdout', data: 'still here\n' }, exit);
    await settle();
    ann.deliver();
    expect(ann.received('run-event').map((m) => m.event.type)).toEqual(['output', 'exit']);
    expect(bed.store.runs.size).toBe(0);
    expect(bed.log.entries).toContainEqual({ level: 'error', message: 'storing run failed' });
    // The next run is stored again.
    ask(ann, { type: 'run' });
    (await bed.judge.nextRun(1)).emit(exit);
    await settle();
    expect([...bed.store.runs.values()].map((run) => run.exit)).toEqual([exit]);
  });

  it('refuses code or input past their limits, and a submission in a room without a problem, before the judge sees them', () => {
    bed = createTestRoom({ docMaxBytes: 4 * 1024 * 1024 });
    const ann = bed.join('Ann');
    const stdin = ann.doc.getText('stdin');
    stdin.insert(0, 'x'.repeat(1100 * 1024));
    ask(ann, { type: 'run' });
    stdin.delete(0, stdin.length);
    ann.doc.getText('code').insert(0, 'x'.repeat(300 * 1024));
    ask(ann, { type: 'run' });
    ask(ann, { type: 'submit' });
    ann.deliver();
    expect(ann.received('refused').map((m) => m.message)).toEqual([
      'The input is larger than 1024 KiB.',
      'The program is larger than 256 KiB.',
      'This room is not on a problem: there is nothing to submit to. Use Run instead.',
    ]);
    expect(bed.judge.runs).toHaveLength(0);
  });
});

describe('Room submissions, in memory', () => {
  it('judges the code against the problem, broadcasting each verdict, and stores the submission', async () => {
    bed = createTestRoom({ problemSlug: 'hello' });
    const ann = bed.join('Ann', 'u-ann');
    const bob = bed.join('Bob');
    ann.doc.getText('code').insert(0, 'print("hi")');
    ask(ann, { type: 'submit' });
    const job = await bed.judge.nextSubmission();
    expect(job.request).toMatchObject({ code: 'print("hi")', language: 'python', queueKey: 'room-1' });
    const test = {
      type: 'test',
      index: 0,
      id: 't1',
      kind: 'sample',
      verdict: 'accepted',
      cpuMs: 4,
      wallMs: 5,
      memoryKb: 900,
    } as const;
    const finished = { type: 'finished', verdict: 'accepted', passed: 1, total: 1, totalMs: 9 } as const;
    job.emit(test, finished);
    await settle();
    bob.deliver();
    const [started] = bob.received('submission-started');
    expect(started?.submission).toMatchObject({ submittedBy: 'Ann', problemSlug: 'hello', total: 1 });
    expect(bob.received('submission-event').map((m) => m.event)).toEqual([test, finished]);
    const stored = bed.store.submissions.get(started?.submission.id as string);
    expect(stored).toMatchObject({ userId: 'u-ann', submittedBy: 'Ann', code: 'print("hi")', total: 1, finished });
  });

  it('announces and ends a submission whose problem cannot be judged, with the reason', async () => {
    bed = createTestRoom({ problemSlug: 'gone', plan: async () => 'This room’s problem no longer exists.' });
    const ann = bed.join('Ann');
    ask(ann, { type: 'submit' });
    await settle();
    ann.deliver();
    expect(ann.received('submission-started')).toHaveLength(1);
    expect(ann.received('submission-event').map((m) => m.event)).toEqual([
      expect.objectContaining({
        type: 'finished',
        verdict: 'internal-error',
        message: 'This room’s problem no longer exists.',
      }),
    ]);
    expect(bed.judge.submissions).toHaveLength(0);
    // The slot is free again.
    expect(ann.received('room-state')).toHaveLength(1);
    ask(ann, { type: 'run' });
    await bed.judge.nextRun();
  });

  it('a run of another server asked for again (a server that lost Redis) is not shown twice: only what is new', async () => {
    bed = createTestRoom({ link: otherServers('A run started by Hana').link });
    const bob = bed.join('Bob');
    const run: RunView = { id: 'run-a', startedBy: 'Hana', language: 'python', requestedAt: 1, events: [] };
    const output = (data: string) => ({ type: 'output', stream: 'stdout', data }) as const;
    bed.room.receiveRemote({
      type: 'message',
      payload: { type: 'run-started', run: { id: run.id, startedBy: 'Hana', language: 'python', requestedAt: 1 } },
    });
    bed.room.receiveRemote({ type: 'message', payload: { type: 'run-event', runId: 'run-a', event: output('0\n') } });
    bob.deliver();
    expect(bob.received('run-event')).toHaveLength(1);

    bed.room.receiveRemote({ type: 'job-state', payload: { kind: 'run', view: { ...run, events: [output('0\n')] } } });
    bob.deliver();
    expect(bob.received('run-started')).toHaveLength(1);
    expect(bob.received('run-event')).toHaveLength(1);

    // What this server missed meanwhile (1 and 2) arrives with the state, once.
    const later = { ...run, events: [output('0\n'), output('1\n'), output('2\n')] };
    bed.room.receiveRemote({ type: 'job-state', payload: { kind: 'run', view: later } });
    bob.deliver();
    expect(bob.received('run-started')).toHaveLength(1);
    expect(bob.received('run-event').map((m) => m.event)).toEqual([output('0\n'), output('1\n'), output('2\n')]);

    // A state that does not continue what is shown (events folded differently) is shown again whole.
    const refolded = { ...run, events: [output('0\n1\n2\n'), exit] };
    bed.room.receiveRemote({ type: 'job-state', payload: { kind: 'run', view: refolded } });
    bob.deliver();
    expect(bob.received('run-started')).toHaveLength(2);
    expect(
      bob
        .received('run-event')
        .slice(3)
        .map((m) => m.event),
    ).toEqual([output('0\n1\n2\n'), exit]);
  });
});

describe('Room jobs with other servers', () => {
  it('does not report a Run still waiting for the cluster’s slot: a server asking then is told of no job', async () => {
    const { link, published } = otherServers();
    let answer: (holder: string | null) => void = () => {};
    link.jobLock.acquire = () =>
      new Promise((resolve) => {
        answer = resolve;
      });
    bed = createTestRoom({ link });
    const ann = bed.join('Ann');
    ask(ann, { type: 'run' });
    bed.room.receiveRemote({ type: 'hello', payload: {} });
    expect(published.filter((m) => m.type === 'job-state')).toEqual([]);
    expect(bed.join('Bob').received('room-state')[0]?.run).toBeNull();

    answer('A run started by Hana');
    await settle();
    ann.deliver();
    expect(ann.received('refused').map((m) => m.message)).toEqual([
      'A run started by Hana is still going. Wait for it to finish or press Stop.',
    ]);
    expect(ann.received('run-started')).toEqual([]);

    // Once the slot is taken, the run is reported.
    ask(ann, { type: 'run' });
    answer(null);
    await bed.judge.nextRun();
    bed.room.receiveRemote({ type: 'hello', payload: {} });
    expect(published.filter((m) => m.type === 'job-state')).toEqual([
      { type: 'job-state', payload: { kind: 'run', view: expect.objectContaining({ startedBy: 'Ann' }) } },
    ]);
  });
});
