import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { JudgeLogger } from '../SandboxRun.ts';

/** One blocking read waits at most this long before it is sent again with the current streams. */
const BLOCK_MS = 5_000;
/** Entries per stream per read; a stream with more is simply read again at once. */
const COUNT = 500;
const RETRY_MS = 200;
const NUDGE_TTL_MS = 60 * 60_000;

type XReadReply = Array<[key: string, entries: Array<[id: string, fields: string[]]>]> | null;

interface Follow {
  /** Id of the last entry delivered: the next read starts after it. */
  lastId: string;
  onEntry(fields: string[]): void;
}

/**
 * Reads many Redis Streams over one blocking connection (one XREAD BLOCK over all of
 * them), so a room-server with hundreds of jobs in flight holds two connections, not
 * hundreds. Each stream is read from after the last entry delivered, so nothing is lost
 * or repeated when a read is re-sent or the connection drops and comes back.
 *
 * A stream followed while a read is blocked must join it at once: follow() appends to a
 * private "nudge" stream that every read includes, which ends the blocking read. No
 * race: a nudge that reaches Redis before the read is still found by it, because the
 * read starts after the last nudge it saw, not at the newest entry.
 */
export class StreamFollower {
  readonly #redis: Redis;
  readonly #blocking: Redis;
  readonly #log: JudgeLogger;
  readonly #follows = new Map<string, Follow>();
  readonly #nudgeKey = `codestream:judge:reader:${randomUUID()}`;
  #nudgeId = '0-0';
  #closed = false;
  readonly #loop: Promise<void>;

  /** `redis` sends the nudges; the blocking reads get a connection of their own. */
  constructor(options: { redis: Redis; log: JudgeLogger }) {
    this.#redis = options.redis;
    this.#log = options.log;
    // Blocking reads must not fail while Redis is briefly away: they are re-sent on reconnect.
    this.#blocking = options.redis.duplicate({ maxRetriesPerRequest: null });
    this.#loop = this.#read();
  }

  /** Calls `onEntry` with the fields of every entry of `key`, in order, until the returned function is called. */
  follow(key: string, onEntry: (fields: string[]) => void): () => void {
    const follow: Follow = { lastId: '0-0', onEntry };
    this.#follows.set(key, follow);
    this.#redis
      .multi()
      .xadd(this.#nudgeKey, 'MAXLEN', 1, '*', 'n', '1')
      .pexpire(this.#nudgeKey, NUDGE_TTL_MS)
      .exec()
      .catch((err: unknown) => {
        // The stream still joins the next read, at most BLOCK_MS later.
        this.#log.warn('could not wake the judge event reader', err);
      });
    return () => {
      if (this.#follows.get(key) === follow) this.#follows.delete(key);
    };
  }

  async #read(): Promise<void> {
    while (!this.#closed) {
      const keys = [this.#nudgeKey, ...this.#follows.keys()];
      const ids = [this.#nudgeId, ...keys.slice(1).map((key) => this.#follows.get(key)?.lastId ?? '0-0')];
      let reply: XReadReply;
      try {
        reply = (await this.#blocking.xread(
          'COUNT',
          COUNT,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          ...keys,
          ...ids,
        )) as XReadReply;
      } catch (err) {
        if (this.#closed) return;
        this.#log.warn('reading judge events from Redis failed; retrying', err);
        await sleep(RETRY_MS);
        continue;
      }
      for (const [key, entries] of reply ?? []) {
        if (key === this.#nudgeKey) {
          this.#nudgeId = entries.at(-1)?.[0] ?? this.#nudgeId;
          continue;
        }
        const follow = this.#follows.get(key);
        for (const [id, fields] of entries) {
          if (!follow || this.#follows.get(key) !== follow) break;
          follow.lastId = id;
          follow.onEntry(fields);
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#follows.clear();
    // Ends the blocked read (it rejects, and the loop sees #closed).
    this.#blocking.disconnect();
    await this.#loop;
    await this.#redis.del(this.#nudgeKey).catch(() => {
      // Redis is gone: the nudge stream expires by itself (NUDGE_TTL_MS).
    });
  }
}
