import { LANGUAGES } from '@codestream/shared';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { DockerJudge } from '../src/DockerJudge.ts';
import { collect, exitOf, python } from './harness.ts';

describe('judge failures', () => {
  it('reports a missing image as an error outcome that says how to fix it', async () => {
    const judge = new DockerJudge({
      sweepIntervalMs: 0,
      languages: [{ ...LANGUAGES[0], image: 'codestream-missing-image:never' }],
    });
    try {
      const received = await collect(judge, python('print(1)'));
      expect(received.map(({ event }) => event.type)).toEqual(['exit']);
      const exit = exitOf(received);
      expect(exit.outcome).toBe('error');
      expect(exit.message).toContain('codestream-missing-image:never');
      expect(exit.message).toContain('sandbox/build.sh');
      expect(await judge.checkReady()).toEqual([expect.stringContaining('codestream-missing-image:never')]);
    } finally {
      await judge.close();
    }
  });

  it('reports an unreachable Docker engine as an error outcome', async () => {
    const judge = new DockerJudge({
      sweepIntervalMs: 0,
      docker: new Docker({ socketPath: '/nonexistent/docker.sock' }),
    });
    try {
      const exit = exitOf(await collect(judge, python('print(1)')));
      expect(exit).toMatchObject({ outcome: 'error', code: null, signal: null });
      expect(exit.message).toContain('Docker cannot be reached');
      expect(await judge.checkReady()).toEqual([expect.stringContaining('Docker cannot be reached')]);
    } finally {
      await judge.close();
    }
  });

  it('reports an unknown language as an error outcome', async () => {
    const judge = new DockerJudge({ sweepIntervalMs: 0, languages: [] });
    try {
      const exit = exitOf(await collect(judge, python('print(1)')));
      expect(exit.outcome).toBe('error');
    } finally {
      await judge.close();
    }
  });

  it('refuses runs after close', async () => {
    const judge = new DockerJudge({ sweepIntervalMs: 0 });
    await judge.close();
    await judge.close(); // idempotent
    expect(exitOf(await collect(judge, python('print(1)'))).outcome).toBe('error');
  });
});
