import type { DockerJudge } from '@codestream/judge';
import { DocKeys, type SubmitEvent } from '@codestream/shared';
import { connectClient, createRoom } from '../test/clients.ts';
import { startBenchRoomServer } from './benchRoomServer.ts';

/** The default per-test stdout limit (JUDGE_SUBMIT_OUTPUT_LIMIT_BYTES): all of it is kept and checked. */
const OUTPUT_BYTES = 8 * 1024 * 1024;
export const PRINTS_8_MIB = `import sys\nsys.stdout.write("x" * ${OUTPUT_BYTES})\n`;
/** The baseline: the same submission printing the expected answer only. */
export const PRINTS_OK = 'print("ok")\n';

export interface SubmissionCost {
  submissions: number;
  /** Submit pressed → `finished` at the submitter's socket, p50. */
  p50Ms: number;
  /** CPU of this process (room-server with its in-process judge) per submission, p50. */
  cpuMsP50: number;
  /** That CPU as % of one core over the submission's time, p50. */
  cpuPercentP50: number;
  /** Resident memory of this process before the first submission, and its peak during them. */
  rssBeforeMiB: number;
  rssPeakMiB: number;
  verdict: string;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * One-test Python submissions through a room: the real room server in this process,
 * with the given in-process judge, as the single-machine deployment runs them. A host
 * signed in on the stock y-websocket client puts `code` in a room on a one-test problem
 * (expects `ok`) and presses Submit, `samples` times after one warm-up, each after the
 * pool refilled. CPU is `process.cpuUsage()` of this process (server and judge; not the
 * database's process nor Docker's); RSS is sampled every 10 ms.
 */
export async function measureRoomSubmission(judge: DockerJudge, code: string, samples = 3): Promise<SubmissionCost> {
  const bench = await startBenchRoomServer(judge);
  try {
    const author = await bench.signedIn('author');
    const created = await author.fetch('/api/problems', {
      method: 'POST',
      json: {
        slug: 'say-ok',
        title: 'Say OK',
        statement: 'Print ok.',
        difficulty: 'easy',
        tags: [],
        visibility: 'published',
        timeLimitMs: 5_000,
      },
    });
    if (created.status !== 201) throw new Error(`create problem: ${created.status} ${await created.text()}`);
    const tests = await author.fetch('/api/problems/say-ok/tests/bulk', {
      method: 'POST',
      json: { tests: [{ kind: 'hidden', input: '', output: 'ok\n' }] },
    });
    if (tests.status !== 201) throw new Error(`add tests: ${tests.status} ${await tests.text()}`);
    const host = await bench.signedIn('host');
    const roomId = await createRoom(host, 'python', 'say-ok');
    const solver = connectClient(bench.server, roomId, host);
    await solver.synced;
    const text = solver.doc.getText(DocKeys.code);
    solver.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, code);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const rssBefore = process.memoryUsage.rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }, 10);
    const times: number[] = [];
    const cpuMs: number[] = [];
    let verdict = '';
    try {
      for (let i = 0; i <= samples; i++) {
        await judge.pool.settled();
        const seen = solver.messages.length;
        const cpu = process.cpuUsage();
        const started = Date.now();
        solver.send({ type: 'submit' });
        let finished: { at: number; event: SubmitEvent } | undefined;
        while (!finished) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          for (const m of solver.messages.slice(seen)) {
            if (m.message.type === 'submission-event' && m.message.event.type === 'finished') {
              finished = { at: m.at, event: m.message.event };
            }
          }
        }
        const used = process.cpuUsage(cpu);
        if (finished.event.type === 'finished') verdict = finished.event.verdict;
        if (i > 0) {
          times.push(finished.at - started);
          cpuMs.push((used.user + used.system) / 1000);
        }
      }
    } finally {
      clearInterval(sampler);
      solver.close();
    }
    const mib = (bytes: number) => Math.round(bytes / (1024 * 1024));
    return {
      submissions: times.length,
      p50Ms: median(times),
      cpuMsP50: Math.round(median(cpuMs)),
      cpuPercentP50: Math.round(median(cpuMs.map((c, i) => (100 * c) / (times[i] ?? Number.NaN)))),
      rssBeforeMiB: mib(rssBefore),
      rssPeakMiB: mib(rssPeak),
      verdict,
    };
  } finally {
    await bench.close();
  }
}
