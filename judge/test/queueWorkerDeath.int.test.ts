import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { WORKER_STOPPED_MESSAGE } from '../src/queue/QueuedJob.ts';
import { QUEUE_NAME } from '../src/queue/queueKeys.ts';
import { exitOf, outputOf, waitFor } from './harness.ts';
import { containersOf, startRun, testId, useJudgeQueue } from './queueHarness.ts';

describe('a judge worker process killed with SIGKILL mid-job', () => {
  const queue = useJudgeQueue();

  it('the room gets an internal error saying why, the waiting job runs on the other worker, the restarted worker removes what it left', async () => {
    const judge = queue.judge();
    const bull = new Queue(QUEUE_NAME, { connection: { url: queue.redisUrl } });
    try {
      const doomedId = testId('doomed');
      const survivorId = testId('survivor');
      const doomedWorker = await queue.workerProcess(doomedId);
      const doomed = startRun(judge, testId('room'), 'print("up", flush=True)\nwhile True:\n    pass\n');
      await doomed.started;
      // The survivor starts once the doomed worker is busy, so each holds one job.
      await queue.workerProcess(survivorId);
      const busy = startRun(judge, testId('room'), 'import time\nprint("busy", flush=True)\ntime.sleep(3)\n');
      await busy.started;
      expect((await containersOf(doomedId)).length).toBe(1);
      expect((await containersOf(survivorId)).length).toBe(1);
      const waiting = startRun(judge, testId('room'), 'print("waited")\n');
      await waitFor(
        () => bull.getWaitingCount(),
        (n) => n === 1,
      );

      await doomedWorker.kill('SIGKILL');
      const doomedRun = await doomed.done;
      expect(outputOf(doomedRun)).toBe('up\n');
      // Not a time limit (the program would have run on for seconds): the worker's lapsed heartbeat.
      expect(exitOf(doomedRun)).toMatchObject({ outcome: 'error', message: WORKER_STOPPED_MESSAGE });

      expect(outputOf(await busy.done)).toBe('busy\n');
      const waited = await waiting.done;
      expect(exitOf(waited)).toMatchObject({ outcome: 'exited', code: 0 });
      expect(outputOf(waited)).toBe('waited\n');
      // BullMQ fails the dead worker's job rather than running it again.
      expect(await bull.getWaitingCount()).toBe(0);

      // Its runner ended with the worker's attach stream; the stopped container stays until...
      expect((await containersOf(doomedId)).length).toBe(1);
      // ...a worker with the same id starts.
      await queue.workerProcess(doomedId);
      expect(await containersOf(doomedId)).toEqual([]);
    } finally {
      await bull.close();
    }
  });
});
