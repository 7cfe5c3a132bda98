import { describe, expect, it, vi } from 'vitest';
import { EOF_COMMAND, execCommand, type Frame, FrameParser, fileCommand, inputCommand } from './runnerProtocol.ts';

const header =
  'exited=1 code=3 signal=0 exec_errno=0 cpu_us=1500 wall_us=2500 maxrss_kb=9000 reason=none out_total=5 err_total=2 out_truncated=0 err_truncated=0';

/** Every frame kind once; the result carries stdout "hello" and stderr "!!". */
const wire = Buffer.concat([
  Buffer.from('READY 1\nO 3\nabcE 2\nxyX 0\n'),
  Buffer.from(`R ${header.length} 5 2\n${header}hello!!`),
]);

function parseInPieces(bytes: Buffer, cuts: number[]): Frame[] {
  const parser = new FrameParser();
  const frames: Frame[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    frames.push(...parser.push(bytes.subarray(from, cut)));
    from = cut;
  }
  expect(parser.bufferedBytes).toBe(0);
  return frames;
}

function expectAllFrames(frames: Frame[]): void {
  expect(frames.map((f) => f.type)).toEqual(['ready', 'output', 'output', 'failed', 'result']);
  expect(frames[1]).toMatchObject({ stream: 'stdout', data: Buffer.from('abc') });
  expect(frames[2]).toMatchObject({ stream: 'stderr', data: Buffer.from('xy') });
  const result = frames[4];
  if (result?.type !== 'result') throw new Error('no result');
  expect(result.result).toMatchObject({ code: 3, signal: 0, cpuUs: 1500, maxRssKb: 9000, reason: 'none' });
  expect(result.result.stdout.toString()).toBe('hello');
  expect(result.result.stderr.toString()).toBe('!!');
}

describe('FrameParser', () => {
  it('parses frames split at every byte boundary', () => {
    for (let cut = 0; cut <= wire.length; cut++) expectAllFrames(parseInPieces(wire, [cut]));
  });

  it('parses frames fed one byte at a time and in pieces of every small size', () => {
    for (let size = 1; size <= 40; size++) {
      const cuts = Array.from({ length: Math.ceil(wire.length / size) - 1 }, (_, i) => (i + 1) * size);
      expectAllFrames(parseInPieces(wire, cuts));
    }
  });

  it('copies each byte of a large frame once however finely it arrives (no quadratic re-copying)', () => {
    const body = Buffer.alloc(256 * 1024, 'x');
    const big = Buffer.concat([Buffer.from(`O ${body.length}\n`), body, wire]);
    const chunk = 256;
    // Every copy in the parser goes through Buffer.concat (ByteQueue.take); count what it copies.
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      const parser = new FrameParser();
      const frames: Frame[] = [];
      let maxBuffered = 0;
      for (let at = 0; at < big.length; at += chunk) {
        frames.push(...parser.push(big.subarray(at, at + chunk)));
        maxBuffered = Math.max(maxBuffered, parser.bufferedBytes);
      }
      const copied = concat.mock.results.reduce((sum, r) => sum + (r.value as Buffer).byteLength, 0);
      // The old parser re-copied its whole buffer on every chunk: ≈ 128 MiB here.
      expect(copied).toBeLessThanOrEqual(big.length);
      expect(maxBuffered).toBeLessThanOrEqual(body.length + chunk);
      const [first, ...rest] = frames;
      expect(first?.type === 'output' && first.data.equals(body)).toBe(true);
      expectAllFrames(rest);
    } finally {
      concat.mockRestore();
    }
  });

  it('holds a frame header back until its newline arrives, and its body until all of it has', () => {
    const parser = new FrameParser();
    expect(parser.push(Buffer.from('O 4'))).toEqual([]);
    expect(parser.push(Buffer.from('\nab'))).toEqual([]);
    expect(parser.bufferedBytes).toBe(2);
    expect(parser.push(Buffer.from('cdREADY 1\n'))).toEqual([
      { type: 'output', stream: 'stdout', data: Buffer.from('abcd') },
      { type: 'ready' },
    ]);
  });

  it('treats output bytes that look like frames as data (they are length-prefixed)', () => {
    const fake = `R ${header.length} 0 0\n${header}`;
    const frames = new FrameParser().push(Buffer.from(`O ${fake.length}\n${fake}`));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ type: 'output', stream: 'stdout' });
  });

  it('reports a signal as code null', () => {
    const h = header.replace('exited=1 code=3 signal=0', 'exited=0 code=-1 signal=11');
    const [frame] = new FrameParser().push(Buffer.from(`R ${h.length} 0 0\n${h}`));
    expect(frame).toMatchObject({ type: 'result', result: { code: null, signal: 11 } });
  });

  it('rejects garbage and oversized frames', () => {
    expect(() => new FrameParser().push(Buffer.from('HELLO 3\nabc'))).toThrow(/unknown runner frame/);
    expect(() => new FrameParser(10).push(Buffer.from('O 11\n'))).toThrow(/bad runner frame header/);
    expect(() => new FrameParser().push(Buffer.from('x'.repeat(300)))).toThrow(/too long/);
    expect(() => new FrameParser().push(Buffer.from(`O ${'0'.repeat(300)}1\nx`))).toThrow(/too long/);
  });
});

describe('commands', () => {
  it('encodes FILE with its byte length and refuses path-like names', () => {
    expect(fileCommand('main.py', Buffer.from('é')).toString()).toBe('FILE 2 main.py\né');
    expect(() => fileCommand('../etc/passwd', Buffer.alloc(0))).toThrow();
    expect(() => fileCommand('a b', Buffer.alloc(0))).toThrow();
  });

  it('encodes EXEC parameters as NUL-terminated pairs followed by the input', () => {
    const cmd = execCommand({
      argv: ['/usr/bin/python3', 'main.py'],
      env: ['A=1'],
      cpuMs: 1000,
      wallMs: 2000,
      memKb: 1024,
      outCap: 10,
      errCap: 20,
      outFatal: true,
      input: Buffer.from('in'),
    });
    const text = cmd.toString();
    const newline = text.indexOf('\n');
    const rest = text.slice(newline + 1);
    const [, paramsLen, inputLen] = text.slice(0, newline).split(' ').map(Number);
    expect(inputLen).toBe(2);
    expect(rest.slice(paramsLen)).toBe('in');
    const params = rest.slice(0, paramsLen).split('\0').slice(0, -1);
    expect(params).toContain('arg=/usr/bin/python3');
    expect(params).toContain('env=A=1');
    expect(params).toContain('out_fatal=1');
    expect(params.filter((p) => p.startsWith('arg='))).toEqual(['arg=/usr/bin/python3', 'arg=main.py']);
    expect(() =>
      execCommand({ argv: ['a\0b'], env: [], cpuMs: 1, wallMs: 1, memKb: 0, outCap: 1, errCap: 1 }),
    ).toThrow();
  });

  it('asks for a live stdin only when wanted, and encodes its input and end', () => {
    const spec = { argv: ['a'], env: [], cpuMs: 1, wallMs: 1, memKb: 0, outCap: 1, errCap: 1 };
    expect(execCommand(spec).toString()).not.toContain('live_stdin');
    expect(execCommand({ ...spec, liveStdin: true }).toString()).toContain('live_stdin=1\0');
    expect(inputCommand(Buffer.from('42\né')).toString()).toBe('IN 5\n42\né');
    expect(EOF_COMMAND.toString()).toBe('EOF\n');
  });
});
