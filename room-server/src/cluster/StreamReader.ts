import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';
import { clusterKeys } from './clusterKeys.ts';
import type { StreamEntry } from './streamEntries.ts';
import { decodeEntries, type RawStreamEntry } from './streamRange.ts';

/** Where a room's entries go, and from which stream id on. */
export interface StreamSink {
  readonly roomId: string;
  deliver(entries: readonly [string, StreamEntry][]): void;
}

export interface StreamReaderOptions {
  /** A connection of its own: XREAD blocks it. */
  reader: Redis;
  /** Another connection, to wake the reader when the rooms read change. */
  command: Redis;
  log: Logger;
  /** Longest wait of one XREAD (a new room is read at once anyway: see wake). */
  blockMs?: number;
}

/**
 * Reads the streams of every room this server has loaded with one blocking XREAD (as
 * y-redis's workers do), each from the last entry read, and hands each room its entries
 * in order. Adding or removing a room wakes the blocked read (CLIENT UNBLOCK) so the next
 * one includes it. After a lost connection it goes on from where it was: the stream keeps
 * what was added meanwhile.
 */
export class StreamReader {
  /** By stream key. */
  private readonly rooms = new Map<string, { sink: StreamSink; from: string }>();
  private readerId: number | null = null;
  /** Changes of the rooms read, and the change the current read includes. */
  private generation = 0;
  private reading = -1;
  private running: Promise<void> | null = null;
  private closed = false;
  private idle: (() => void) | null = null;

  constructor(private readonly options: StreamReaderOptions) {
    options.reader.on('ready', () => {
      this.readerId = null;
    });
  }

  /** Reads the room's entries after `from`. */
  add(sink: StreamSink, from: string): void {
    this.rooms.set(clusterKeys.stream(sink.roomId), { sink, from });
    this.running ??= this.run();
    this.changed();
  }

  remove(roomId: string): void {
    if (this.rooms.delete(clusterKeys.stream(roomId))) this.changed();
  }

  /** Stops reading (the connections are closed by their owner). */
  async close(): Promise<void> {
    this.closed = true;
    this.idle?.();
    if (this.readerId !== null)
      await this.options.command.call('CLIENT', 'UNBLOCK', String(this.readerId)).catch(() => {});
    await this.running;
  }

  private changed(): void {
    this.generation += 1;
    this.wake();
  }

  /**
   * Ends the blocked XREAD as if it timed out, so the next one reads the rooms as they
   * are now. The unblock may pass a read about to start: until the read in flight is the
   * latest change's, it is sent again. A failure only delays a new room by one block.
   */
  private wake(): void {
    const idle = this.idle;
    this.idle = null;
    if (idle) {
      idle();
      return;
    }
    if (this.closed || this.reading === this.generation) return;
    if (this.readerId !== null) {
      this.options.command.call('CLIENT', 'UNBLOCK', String(this.readerId)).catch(() => {});
    }
    setTimeout(() => this.wake(), 20).unref();
  }

  private async run(): Promise<void> {
    const { reader, log } = this.options;
    let failures = 0;
    while (!this.closed) {
      if (this.rooms.size === 0) {
        await new Promise<void>((resolve) => {
          this.idle = resolve;
        });
        continue;
      }
      try {
        this.readerId ??= Number(await reader.call('CLIENT', 'ID'));
        this.reading = this.generation;
        const rooms = [...this.rooms.values()];
        const reply = (await reader.xreadBuffer(
          'COUNT',
          1_000,
          'BLOCK',
          this.options.blockMs ?? 5_000,
          'STREAMS',
          ...rooms.map(({ sink }) => clusterKeys.stream(sink.roomId)),
          ...rooms.map(({ from }) => from),
        )) as [Buffer, RawStreamEntry[]][] | null;
        failures = 0;
        for (const [key, raw] of reply ?? []) this.deliver(key.toString(), raw);
      } catch (err) {
        if (this.closed) break;
        failures += 1;
        if (failures === 1) log.warn({ err }, 'reading the room streams failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** failures)));
      }
    }
  }

  private deliver(key: string, raw: RawStreamEntry[]): void {
    const last = raw.at(-1);
    const room = this.rooms.get(key);
    // A room removed while the read was out gets nothing more.
    if (!last || !room) return;
    room.from = last[0].toString();
    room.sink.deliver(decodeEntries(raw, room.sink.roomId, this.options.log));
  }
}
