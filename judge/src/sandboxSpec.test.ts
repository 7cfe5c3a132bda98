import { LANGUAGES } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { resolveLimits, sandboxCommand, sandboxContainerSpec, stdinPayload } from './sandboxSpec.ts';

const settings = { pidsLimit: 64, cpus: 1, workDirMb: 64, tmpDirMb: 16, nofile: 64, judgeId: 'abc' };
const limits = { timeMs: 2000, memoryMb: 128, outputBytes: 1000 };

describe('sandboxContainerSpec', () => {
  const python = LANGUAGES[0];
  const spec = sandboxContainerSpec({ language: python, limits, settings, now: 1_000 });

  it('locks the container down', () => {
    expect(spec).toMatchObject({
      Image: python.image,
      Env: [],
      User: '10001:10001',
      NetworkDisabled: true,
      OpenStdin: true,
      StdinOnce: true,
      Tty: false,
    });
    expect(spec.HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      Memory: 128 * 1024 * 1024,
      MemorySwap: 128 * 1024 * 1024,
      PidsLimit: 64,
      NanoCpus: 1e9,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Privileged: false,
    });
    expect(spec.HostConfig?.Tmpfs?.['/work']).toMatch(/^rw,.*nosuid,nodev,size=64m,mode=1777/);
    expect(spec.HostConfig?.Tmpfs?.['/tmp']).toContain('size=16m');
    expect(spec.HostConfig?.Ulimits).toContainEqual({ Name: 'nofile', Soft: 64, Hard: 64 });
    expect(spec.HostConfig?.NetworkMode).toBeUndefined();
  });

  it('labels the container with its judge and a deadline past its time limit', () => {
    expect(spec.Labels?.['codestream.sandbox']).toBe('1');
    expect(spec.Labels?.['codestream.judge']).toBe('abc');
    expect(Number(spec.Labels?.['codestream.deadline'])).toBeGreaterThan(1_000 + limits.timeMs);
  });
});

describe('sandboxCommand', () => {
  it('passes file name and argv as positional parameters, never inside the script', () => {
    const cmd = sandboxCommand({ ...LANGUAGES[0], fileName: "it's.py", run: ['/usr/bin/python3', "it's.py"] });
    expect(cmd.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(cmd[2]).not.toContain("it's");
    expect(cmd.slice(3)).toEqual(['sh', "it's.py", '/usr/bin/python3', "it's.py"]);
    expect(cmd[2]).toContain('env -i');
  });
});

describe('stdinPayload', () => {
  it('prefixes the code with its length in bytes, not characters', () => {
    expect(stdinPayload({ code: 'é', stdin: 'in' }).toString('utf8')).toBe('2\néin');
    expect(stdinPayload({ code: '', stdin: '' }).toString('utf8')).toBe('0\n');
  });
});

describe('resolveLimits', () => {
  const max = { timeMs: 10_000, memoryMb: 256, outputBytes: 65_536 };
  it('defaults to the maxima and clamps requests to them', () => {
    expect(resolveLimits(undefined, max)).toEqual(max);
    expect(resolveLimits({ timeMs: 1500, memoryMb: 9999 }, max)).toEqual({
      timeMs: 1500,
      memoryMb: 256,
      outputBytes: 65_536,
    });
  });
});
