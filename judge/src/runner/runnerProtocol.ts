/**
 * The host side of csrunner's protocol (sandbox/runner/runner.h): encoding commands
 * and parsing frames. Every frame is length-prefixed, so nothing the program prints
 * can be mistaken for a frame (its output reaches the runner through a pipe anyway).
 */

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
}

/** Why the runner stopped the program, or which limit it turned out to have exceeded. */
export type StopReason = 'none' | 'cpu' | 'wall' | 'memory' | 'oom' | 'stdout' | 'stderr';

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
    ...spec.argv.map((a) => `arg=${a}`),
    ...spec.env.map((e) => `env=${e}`),
  ];
  for (const p of params) if (p.includes('\0')) throw new Error('NUL byte in an EXEC parameter');
  const block = Buffer.from(params.map((p) => `${p}\0`).join(''), 'utf8');
  const input = spec.input ?? Buffer.alloc(0);
  return Buffer.concat([Buffer.from(`EXEC ${block.byteLength} ${input.byteLength}\n`, 'ascii'), block, input]);
}

/** Parses the runner's stdout as it arrives in arbitrary pieces. */
export class FrameParser {
  #buffer: Buffer = Buffer.alloc(0);

  /** Largest frame accepted: bounds memory if the runner (or something posing as it) misbehaves. */
  constructor(readonly maxFrameBytes = 64 * 1024 * 1024) {}

  push(chunk: Buffer): Frame[] {
    this.#buffer = this.#buffer.byteLength === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      const newline = this.#buffer.indexOf(10);
      if (newline < 0) {
        if (this.#buffer.byteLength > 256) throw new Error('runner frame header too long');
        return frames;
      }
      const head = this.#buffer.subarray(0, newline).toString('ascii').split(' ');
      const sizes = head.slice(1).map(Number);
      const body = head[0] === 'READY' ? 0 : sizes.reduce((a, b) => a + b, 0);
      if (!sizes.every((n) => Number.isSafeInteger(n) && n >= 0) || body > this.maxFrameBytes) {
        throw new Error(`bad runner frame header "${head.join(' ').slice(0, 80)}"`);
      }
      if (this.#buffer.byteLength < newline + 1 + body) return frames;
      const payload = this.#buffer.subarray(newline + 1, newline + 1 + body);
      this.#buffer = this.#buffer.subarray(newline + 1 + body);
      frames.push(decodeFrame(head[0] ?? '', sizes, payload));
    }
  }
}

function decodeFrame(kind: string, sizes: number[], payload: Buffer): Frame {
  switch (kind) {
    case 'READY':
      return { type: 'ready' };
    case 'O':
      return { type: 'output', stream: 'stdout', data: Buffer.from(payload) };
    case 'E':
      return { type: 'output', stream: 'stderr', data: Buffer.from(payload) };
    case 'X':
      return { type: 'failed', message: payload.toString('utf8') };
    case 'R': {
      const [headerLen = 0, outLen = 0] = sizes;
      const header = parseHeader(payload.subarray(0, headerLen).toString('ascii'));
      return {
        type: 'result',
        result: {
          ...header,
          stdout: Buffer.from(payload.subarray(headerLen, headerLen + outLen)),
          stderr: Buffer.from(payload.subarray(headerLen + outLen)),
        },
      };
    }
    default:
      throw new Error(`unknown runner frame "${kind.slice(0, 20)}"`);
  }
}

const REASONS = new Set<StopReason>(['none', 'cpu', 'wall', 'memory', 'oom', 'stdout', 'stderr']);

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
