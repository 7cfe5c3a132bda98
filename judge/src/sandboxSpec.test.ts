import { LANGUAGES } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { RUNNER_PATH, resolveLimits, sandboxContainerSpec } from './sandboxSpec.ts';

const settings = {
  pidsLimit: 64,
  cpus: 1,
  workDirMb: 64,
  tmpDirMb: 16,
  nofile: 64,
  judgeId: 'abc',
  containerMemoryMb: 900,
};

describe('sandboxContainerSpec', () => {
  const python = LANGUAGES[0];
  const spec = sandboxContainerSpec({ language: python, settings, deadline: 5_000 });

  it('locks the container down', () => {
    expect(spec).toMatchObject({
      Image: python.image,
      Cmd: [RUNNER_PATH],
      Env: [],
      User: '10001:10001',
      NetworkDisabled: true,
      OpenStdin: true,
      StdinOnce: true,
      Tty: false,
    });
    expect(spec.HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      Memory: 900 * 1024 * 1024,
      MemorySwap: 900 * 1024 * 1024,
      PidsLimit: 64,
      NanoCpus: 1e9,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      IpcMode: 'private',
      Privileged: false,
    });
    expect(spec.HostConfig?.Tmpfs?.['/work']).toMatch(/^rw,.*nosuid,nodev,size=64m,mode=1777/);
    expect(spec.HostConfig?.Tmpfs?.['/tmp']).toContain('size=16m');
    expect(spec.HostConfig?.Ulimits).toContainEqual({ Name: 'nofile', Soft: 64, Hard: 64 });
    expect(spec.HostConfig?.NetworkMode).toBeUndefined();
  });

  it('labels the container with its judge, language and deadline', () => {
    expect(spec.Labels).toMatchObject({
      'codestream.sandbox': '1',
      'codestream.judge': 'abc',
      'codestream.deadline': '5000',
      'codestream.language': 'python',
    });
    expect(spec.Labels?.['codestream.pooled']).toBeUndefined();
    const pooled = sandboxContainerSpec({ language: python, settings, deadline: 5_000, pooled: true });
    expect(pooled.Labels?.['codestream.pooled']).toBe('1');
  });

  it('takes a language’s own pids limit', () => {
    const java = LANGUAGES.find((l) => l.id === 'java');
    if (!java) throw new Error('no java');
    expect(sandboxContainerSpec({ language: java, settings, deadline: 0 }).HostConfig?.PidsLimit).toBe(128);
  });

  it('takes a language’s own open-files limit', () => {
    const r = LANGUAGES.find((l) => l.id === 'r');
    if (!r) throw new Error('no r');
    expect(sandboxContainerSpec({ language: r, settings, deadline: 0 }).HostConfig?.Ulimits).toContainEqual({
      Name: 'nofile',
      Soft: 256,
      Hard: 256,
    });
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
