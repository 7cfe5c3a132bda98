/**
 * The host side of csrunner's protocol (sandbox/runner/runner.h): encoding commands
 * and parsing frames. Every frame is length-prefixed, so nothing the program prints
 * can be mistaken for a frame (its output reaches the runner through a pipe anyway).
 */
import { ByteQueue } from './ByteQueue.ts';

/** Parameters of one EXEC: a compile step or one run of the program. */
export interface ExecSpec {
  argv: readonly string[];
  env: readonly string[];
  /** Compile mode: stdout and stderr merged into one capped message, stdin empty. */
  compile?: boolean;
  /** Forward output in O/E frames while the program runs (Run); else return it in the result. */
  stream?: boolean;
  cpuMs: number;
  wallMs: number;
  /** Peak resident memory of any one process; 0 = only the container's limit. */
  memKb: number;
  fsizeKb?: number;
  stackKb?: number;
  outCap: number;
  errCap: number;
  /** Output beyond the cap stops the program (output limit); else it is drained and dropped. */
  outFatal?: boolean;
  errFatal?: boolean;
  input?: Buffer;
  /** The program's stdin stays open after `input` for inputCommand() bytes, until EOF_COMMAND (an interactor's relay). */
  liveStdin?: boolean;
  /** Live stdin (stream mode) with an idle limit: waiting for input counts toward this, not wallMs. */
  idleMs?: number;
}

/** Why the runner stopped the program, or which limit it turned out to have exceeded. */
export type StopReason = 'none' | 'cpu' | 'wall' | 'idle' | 'memory' | 'oom' | 'stdout' | 'stderr';

export interface ExecResult {
  /** Exit status when it exited, else null. */
  code: number | null;
  /** Signal number when a signal ended it, else 0. */
  signal: number;
  /** errno of a failed execve (the program could not start). */
  execErrno: number;
  cpuUs: number;
  wallUs: number;
  maxRssKb: number;
  reason: StopReason;
  outTotal: number;
  errTotal: number;
  outTruncated: boolean;
  errTruncated: boolean;
  stdout: Buffer;
  stderr: Buffer;
}

export type Frame =
  | { type: 'ready' }
  | { type: 'output'; stream: 'stdout' | 'stderr'; data: Buffer }
  | { type: 'result'; result: ExecResult }
  | { type: 'failed'; message: string };

export function fileCommand(name: string, data: Buffer): Buffer {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name === '.' || name === '..') throw new Error(`bad file name ${name}`);
  return Buffer.concat([Buffer.from(`FILE ${data.byteLength} ${name}\n`, 'ascii'), data]);
}

export const SEAL_COMMAND = Buffer.from('SEAL\n', 'ascii');

export function execCommand(spec: ExecSpec): Buffer {
  const params: string[] = [
    `compile=${spec.compile ? 1 : 0}`,
    `stream=${spec.stream ? 1 : 0}`,
    `cpu_ms=${Math.ceil(spec.cpuMs)}`,
    `wall_ms=${Math.ceil(spec.wallMs)}`,
    `mem_kb=${Math.ceil(spec.memKb)}`,
    `fsize_kb=${spec.fsizeKb ?? 0}`,
    `stack_kb=${spec.stackKb ?? 0}`,
    `out_cap=${spec.outCap}`,
    `err_cap=${spec.errCap}`,
    `out_fatal=${spec.outFatal ? 1 : 0}`,
    `err_fatal=${spec.errFatal ? 1 : 0}`,
    // Sent only when live: a runner without live stdin refuses unknown parameters.
    ...(spec.liveStdin ? ['live_stdin=1'] : []),
    ...(spec.idleMs ? [`idle_ms=${Math.ceil(spec.idleMs)}`] : []),
    ...spec.argv.map((a) => `arg=${a}`),
    ...spec.env.map((e) => `env=${e}`),
  ];
  for (const p of params) if (p.includes('\0')) throw new Error('NUL byte in an EXEC parameter');
  const block = Buffer.from(params.map((p) => `${p}\0`).join(''), 'utf8');
  const input = spec.input ?? Buffer.alloc(0);
  return Buffer.concat([Buffer.from(`EXEC ${block.byteLength} ${input.byteLength}\n`, 'ascii'), block, input]);
}

/** More stdin for the program of a live EXEC. */
export function inputCommand(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`IN ${data.byteLength}\n`, 'ascii'), data]);
}

/** Ends the stdin of a live EXEC's program (after every IN before it). */
export const EOF_COMMAND = Buffer.from('EOF\n', 'ascii');

/** Longest frame header the runner writes ("R <header> <out> <err>\n" is well under this). */
const MAX_HEADER_BYTES = 256;

interface FrameHead {
  kind: string;
  sizes: number[];
  bodyBytes: number;
}

/**
 * Parses the runner's stdout as it arrives in arbitrary pieces, in time linear in its
 * size: chunks are queued uncopied, a frame's body is copied once when all of it has
 * arrived, and a header is parsed once, not again on every chunk of a large body.
 */
export class FrameParser {
  readonly #queue = new ByteQueue();
  /** Header of the frame whose body is still arriving. */
  #head: FrameHead | undefined;

  /** Largest frame accepted: bounds memory if the runner (or something posing as it) misbehaves. */
  constructor(readonly maxFrameBytes = 64 * 1024 * 1024) {}

  /** Bytes received and not yet returned as frames. */
  get bufferedBytes(): number {
    return this.#queue.length;
  }

  push(chunk: Buffer): Frame[] {
    this.#queue.push(chunk);
    const frames: Frame[] = [];
    for (;;) {
      this.#head ??= this.#readHead();
      if (!this.#head || this.#queue.length < this.#head.bodyBytes) return frames;
      const { kind, sizes, bodyBytes } = this.#head;
      this.#head = undefined;
      frames.push(decodeFrame(kind, sizes, this.#queue.take(bodyBytes)));
    }
  }

  #readHead(): FrameHead | undefined {
    const newline = this.#queue.indexOf(10, MAX_HEADER_BYTES + 1);
    if (newline < 0) {
      if (this.#queue.length > MAX_HEADER_BYTES) throw new Error('runner frame header too long');
      return undefined;
    }
    const head = this.#queue
      .take(newline + 1)
      .toString('ascii', 0, newline)
      .split(' ');
    const kind = head[0] ?? '';
    const sizes = head.slice(1).map(Number);
    const bodyBytes = kind === 'READY' ? 0 : sizes.reduce((a, b) => a + b, 0);
    if (!sizes.every((n) => Number.isSafeInteger(n) && n >= 0) || bodyBytes > this.maxFrameBytes) {
      throw new Error(`bad runner frame header "${head.join(' ').slice(0, 80)}"`);
    }
    return { kind, sizes, bodyBytes };
  }
}

/** `payload` is the frame's own copy (ByteQueue.take): views into it keep nothing else alive. */
function decodeFrame(kind: string, sizes: number[], payload: Buffer): Frame {
  switch (kind) {
    case 'READY':
      return { type: 'ready' };
    case 'O':
      return { type: 'output', stream: 'stdout', data: payload };
    case 'E':
      return { type: 'output', stream: 'stderr', data: payload };
    case 'X':
      return { type: 'failed', message: payload.toString('utf8') };
    case 'R': {
      const [headerLen = 0, outLen = 0] = sizes;
      const header = parseHeader(payload.subarray(0, headerLen).toString('ascii'));
      return {
        type: 'result',
        result: {
          ...header,
          stdout: payload.subarray(headerLen, headerLen + outLen),
          stderr: payload.subarray(headerLen + outLen),
        },
      };
    }
    default:
      throw new Error(`unknown runner frame "${kind.slice(0, 20)}"`);
  }
}

const REASONS = new Set<StopReason>(['none', 'cpu', 'wall', 'idle', 'memory', 'oom', 'stdout', 'stderr']);

function parseHeader(text: string): Omit<ExecResult, 'stdout' | 'stderr'> {
  const fields = new Map(text.split(' ').map((kv) => kv.split('=') as [string, string]));
  const num = (key: string): number => {
    const n = Number(fields.get(key));
    if (!Number.isFinite(n)) throw new Error(`runner result without ${key}`);
    return n;
  };
  const reason = fields.get('reason') as StopReason;
  if (!REASONS.has(reason)) throw new Error(`runner result with unknown reason ${reason}`);
  return {
    code: num('exited') === 1 ? num('code') : null,
    signal: num('signal'),
    execErrno: num('exec_errno'),
    cpuUs: num('cpu_us'),
    wallUs: num('wall_us'),
    maxRssKb: num('maxrss_kb'),
    reason,
    outTotal: num('out_total'),
    errTotal: num('err_total'),
    outTruncated: num('out_truncated') === 1,
    errTruncated: num('err_truncated') === 1,
  };
}
