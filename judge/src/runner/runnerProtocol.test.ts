import { describe, expect, it } from 'vitest';
import { execCommand, FrameParser, fileCommand } from './runnerProtocol.ts';

const header =
  'exited=1 code=3 signal=0 exec_errno=0 cpu_us=1500 wall_us=2500 maxrss_kb=9000 reason=none out_total=5 err_total=2 out_truncated=0 err_truncated=0';

describe('FrameParser', () => {
  it('parses frames split at any byte', () => {
    const wire = Buffer.concat([
      Buffer.from('READY 1\nO 3\nabcE 2\nxy'),
      Buffer.from(`R ${header.length} 5 2\n${header}hello!!`),
    ]);
    for (let cut = 0; cut <= wire.length; cut += 7) {
      const parser = new FrameParser();
      const frames = [...parser.push(wire.subarray(0, cut)), ...parser.push(wire.subarray(cut))];
      expect(frames.map((f) => f.type)).toEqual(['ready', 'output', 'output', 'result']);
      const result = frames[3];
      if (result?.type !== 'result') throw new Error('no result');
      expect(result.result).toMatchObject({ code: 3, signal: 0, cpuUs: 1500, maxRssKb: 9000, reason: 'none' });
      expect(result.result.stdout.toString()).toBe('hello');
      expect(result.result.stderr.toString()).toBe('!!');
    }
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
});
