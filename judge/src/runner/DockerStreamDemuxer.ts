import { ByteQueue } from './ByteQueue.ts';

/** Docker's multiplexing header: stream type (1 byte), 3 zero bytes, payload length (uint32 BE). */
const HEADER_BYTES = 8;
const STREAMS = { 1: 'stdout', 2: 'stderr' } as const;

/**
 * Splits the attach stream of a container without a TTY into its stdout and stderr, in
 * time linear in its size. Payloads are handed on as views of the received chunks, as
 * they arrive, without waiting for a whole Docker frame or copying it. (docker-modem's
 * demuxStream re-copies its whole unconsumed buffer for every Docker frame it takes out
 * of it, and concatenates on every chunk.)
 */
export class DockerStreamDemuxer {
  readonly #queue = new ByteQueue();
  readonly #onData: (stream: 'stdout' | 'stderr', data: Buffer) => void;
  /** The Docker frame whose payload is being passed on, and how much of it is still to come. */
  #current: { stream: 'stdout' | 'stderr'; left: number } | undefined;

  constructor(options: { onData(stream: 'stdout' | 'stderr', data: Buffer): void }) {
    this.#onData = options.onData;
  }

  /** Throws on a stream type other than stdout or stderr: the stream is not what we attached to. */
  push(chunk: Buffer): void {
    this.#queue.push(chunk);
    for (;;) {
      if (!this.#current) {
        if (this.#queue.length < HEADER_BYTES) return;
        const header = this.#queue.take(HEADER_BYTES);
        const type = header.readUInt8(0);
        if (type !== 1 && type !== 2) throw new Error(`bad Docker stream header (type ${type})`);
        this.#current = { stream: STREAMS[type], left: header.readUInt32BE(4) };
      }
      const current = this.#current;
      while (current.left > 0 && this.#queue.length > 0) {
        const data = this.#queue.takePiece(current.left);
        current.left -= data.byteLength;
        this.#onData(current.stream, data);
      }
      if (current.left > 0) return;
      this.#current = undefined;
    }
  }
}
