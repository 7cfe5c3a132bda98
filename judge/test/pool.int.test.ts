import { LANGUAGES } from '@codestream/shared';
import { describe, expect, it } from 'vitest';
import { createDockerJudge } from '../src/DockerJudge.ts';
import { allSandboxContainers, collect, outputOf, python, waitFor } from './harness.ts';

const PYTHON = LANGUAGES[0];
/** The last path element of the runner's cgroup is the container id (cgroup v1 with the cgroupfs driver). */
const WHO_AM_I = 'print(open("/proc/1/cgroup").read().strip().split("/")[-1][:12])\n';

describe('warm pool', () => {
  it('hands each pooled container out once, refills, and removes all on close', async () => {
    const judge = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 2, prewarm: ['python'] });
    try {
      await judge.pool.settled();
      const firstIdle = judge.idleContainerIds();
      expect(firstIdle).toHaveLength(2);
      const seen: string[] = [];
      for (let i = 0; i < 5; i++) {
        const received = await collect(judge, python(WHO_AM_I));
        seen.push(outputOf(received).trim());
      }
      // Never the same container twice, and the first runs took the prewarmed ones.
      expect(new Set(seen).size).toBe(5);
      expect(firstIdle.map((id) => id.slice(0, 12))).toContain(seen[0]);
      await judge.pool.settled();
      const idle = judge.idleContainerIds();
      expect(idle).toHaveLength(2);
      for (const id of idle) expect(seen).not.toContain(id.slice(0, 12));
      // Pooled containers are labelled like every sandbox (the stale sweep finds them).
      const labelled = await allSandboxContainers(judge);
      expect(labelled.sort()).toEqual([...idle].sort());
      const info = await judge.docker.getContainer(idle[0] ?? '').inspect();
      expect(info.Config.Labels['codestream.pooled']).toBe('1');
      expect(info.HostConfig).toMatchObject({ ReadonlyRootfs: true, CapDrop: ['ALL'], PidsLimit: 64 });
      expect(info.Config.User).toBe('10001:10001');
      expect((info.Config as { NetworkDisabled?: boolean }).NetworkDisabled).toBe(true);
      expect(info.State.Running).toBe(true);
    } finally {
      await judge.close();
    }
    expect(await allSandboxContainers(judge)).toEqual([]);
  });

  it('fills a language’s pool after its first use when not prewarmed', async () => {
    const judge = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 1 });
    try {
      expect(judge.idleContainerIds()).toEqual([]);
      await collect(judge, python('print(1)\n'));
      const idle = await waitFor(
        async () => judge.idleContainerIds(),
        (ids) => ids.length === 1,
      );
      expect(idle).toHaveLength(1);
      const first = performance.now();
      let firstOutputAt = 0;
      await collect(judge, python('print("hi")\n'), {
        onEvent(event) {
          if (event.type === 'output' && !firstOutputAt) firstOutputAt = performance.now();
        },
      });
      // A started container answers within python's own start-up (~10 ms) plus a little.
      expect(firstOutputAt - first).toBeLessThan(200);
    } finally {
      await judge.close();
    }
  });

  it('creates no container with size 0', async () => {
    const judge = await createDockerJudge({ sweepIntervalMs: 0, poolSize: 0, prewarm: [PYTHON.id] });
    try {
      await collect(judge, python('print(1)\n'));
      await judge.pool.settled();
      expect(await allSandboxContainers(judge)).toEqual([]);
    } finally {
      await judge.close();
    }
  });
});
