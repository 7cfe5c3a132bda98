/**
 * Everything the judge queue keeps in Redis, named in one place so room-servers
 * (QueueJudge) and judge workers (JudgeWorker) agree. Besides BullMQ's own keys (under
 * `bull:codestream-judge:`), each job has a handful of keys of ours, all with a TTL so
 * a process that dies leaves nothing behind for long.
 */
export const QUEUE_NAME = 'codestream-judge';

const PREFIX = 'codestream:judge';

/**
 * How long a lease lives without renewal: the admission of a room's job (held by the
 * room-server waiting for it), a job's heartbeat (held by the worker running it) and a
 * worker's id. Renewed every LEASE_MS / 5, so a process must stall for 4/5 of it
 * before it is taken for dead; a dead one is noticed within about LEASE_MS plus one check.
 */
export const LEASE_MS = 5_000;

/** How long a job's request may wait for a worker before it expires with the job. */
export const REQUEST_TTL_MS = 60 * 60_000;

/** How long a job's event stream is kept after its last event (the reader deletes it sooner). */
export const EVENTS_TTL_AFTER_END_MS = 60_000;

export const queueKeys = {
  /**
   * Holds the id of the one job of a queue key (room) that is queued or running. Jobs
   * without a key get an admission of their own, so every job has a producer lease the
   * worker can check.
   */
  admission: (queueKey: string | undefined, jobId: string) =>
    queueKey === undefined ? `${PREFIX}:admission:job:${jobId}` : `${PREFIX}:admission:key:${queueKey}`,
  /** The request (code, stdin, tests) as JSON: kept out of BullMQ's job hash, see QueueJudge. */
  request: (jobId: string) => `${PREFIX}:job:${jobId}:request`,
  /** Redis Stream of the job's events, one entry per event, written by the worker. */
  events: (jobId: string) => `${PREFIX}:job:${jobId}:events`,
  /** Redis Stream of a Run's live stdin, one StdinChunk per entry, written by the room-server (QueuedJob). */
  input: (jobId: string) => `${PREFIX}:job:${jobId}:input`,
  /** Exists while a worker runs the job (value: the worker id); renewed by its heartbeat. */
  alive: (jobId: string) => `${PREFIX}:job:${jobId}:alive`,
  /** Set when the room-server asks for the job to be stopped. */
  cancel: (jobId: string) => `${PREFIX}:job:${jobId}:cancel`,
  /** Sorted set of jobs not yet taken by a worker, in enqueue order: gives a job's place in line. */
  waiting: `${PREFIX}:waiting`,
  /** Sorted set of live workers, scored by when their heartbeat lapses. */
  workers: `${PREFIX}:workers`,
  /** Held by the one live worker of that id (its containers carry the id as a label). */
  worker: (workerId: string) => `${PREFIX}:worker:${workerId}`,
  /** Pub/sub channel: a message is the id of a job to stop now. */
  cancelChannel: `${PREFIX}:cancel`,
  /** Entry field holding the JSON of one event in a job's event stream. */
  eventField: 'e',
} as const;
