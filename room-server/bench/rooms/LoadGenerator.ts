import { Worker } from 'node:worker_threads';
import type { RoomPlan } from './BenchServer.ts';
import type { WorkerAnswer, WorkerRequest } from './loadProtocol.ts';

const WORKER_URL = new URL('./loadWorker.mjs', import.meta.url);

export interface ConnectResult {
  sockets: number;
  synced: number;
  /** From the first socket opened to the last one synced, in seconds (NaN unless all synced). */
  seconds: number;
}

export interface TypingResult {
  sent: number;
  expected: number;
  latencies: Float64Array;
  /** Per latency: 1 when the edit crossed from one server to another. */
  crossed: Uint8Array;
  drops: number;
}

/** The parts end to end, in one array. */
function joined<T extends Float64Array | Uint8Array>(parts: T[], make: (length: number) => T): T {
  const all = make(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

/** Stock y-websocket clients spread over worker threads, rooms kept whole within a thread. */
export class LoadGenerator {
  private readonly workers: Worker[];
  private closing?: Promise<void>;

  private constructor(workers: Worker[]) {
    this.workers = workers;
  }

  /** `threads` threads, each loaded and listening, so their start-up is not timed as connecting. */
  static async start(threads: number): Promise<LoadGenerator> {
    const workers = Array.from({ length: threads }, () => new Worker(WORKER_URL, { stdout: false }));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.once('error', reject);
            worker.once('message', () => {
              worker.off('error', reject);
              resolve();
            });
          }),
      ),
    );
    return new LoadGenerator(workers);
  }

  /** Sends each thread its request and waits for every answer. */
  private ask(requestFor: (index: number) => WorkerRequest): Promise<WorkerAnswer[]> {
    return Promise.all(
      this.workers.map(
        (worker, index) =>
          new Promise<WorkerAnswer>((resolve, reject) => {
            const onError = (err: Error) => reject(err);
            worker.once('error', onError);
            worker.once('message', (answer: WorkerAnswer) => {
              worker.off('error', onError);
              if (answer.type === 'failed') reject(new Error(`load thread: ${answer.message}`));
              else resolve(answer);
            });
            worker.postMessage(requestFor(index));
          }),
      ),
    );
  }

  async connect(rooms: RoomPlan[], timeoutMs: number): Promise<ConnectResult> {
    const startedAt = performance.timeOrigin + performance.now();
    const share = (index: number) => rooms.filter((_, i) => i % this.workers.length === index);
    const answers = await this.ask((index) => ({ type: 'connect', rooms: share(index), timeoutMs }));
    let sockets = 0;
    let synced = 0;
    let lastSyncedAt = startedAt;
    for (const answer of answers) {
      if (answer.type !== 'connected') throw new Error(`unexpected answer ${answer.type}`);
      sockets += answer.sockets;
      synced += answer.synced;
      lastSyncedAt = Math.max(lastSyncedAt, answer.lastSyncedAt);
    }
    return { sockets, synced, seconds: synced === sockets ? (lastSyncedAt - startedAt) / 1000 : Number.NaN };
  }

  async type(options: {
    editors: number;
    editsPerSecond: number;
    durationMs: number;
    graceMs: number;
    lineBreaks?: boolean;
  }): Promise<TypingResult> {
    const answers = await this.ask(() => ({ type: 'type', ...options }));
    const typed = answers.map((answer) => {
      if (answer.type !== 'typed') throw new Error(`unexpected answer ${answer.type}`);
      return answer;
    });
    const sum = (pick: (answer: (typeof typed)[number]) => number) => typed.reduce((n, a) => n + pick(a), 0);
    return {
      sent: sum((a) => a.sent),
      expected: sum((a) => a.expected),
      drops: sum((a) => a.drops),
      latencies: joined(
        typed.map((a) => a.latencies),
        (n) => new Float64Array(n),
      ),
      crossed: joined(
        typed.map((a) => a.crossed),
        (n) => new Uint8Array(n),
      ),
    };
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // A thread that failed has nothing left to close: terminating it is enough.
      await this.ask(() => ({ type: 'close' })).catch(() => undefined);
      await Promise.all(this.workers.map((worker) => worker.terminate()));
    })();
    return this.closing;
  }
}
