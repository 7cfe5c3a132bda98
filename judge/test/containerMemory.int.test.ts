import { describe, expect, it } from 'vitest';
import { createDockerJudge } from '../src/DockerJudge.ts';

const MB = 1024 * 1024;

describe('sandbox container memory', () => {
  it('holds the largest limit, the tmpfs mounts, the runner and the output it keeps of a judged test', async () => {
    const judge = await createDockerJudge({
      sweepIntervalMs: 0,
      poolSize: 1,
      prewarm: ['python'],
      maxLimits: { memoryMb: 256 },
      submitMaxMemoryMb: 512,
      compileMemoryMb: 384,
      workDirMb: 64,
      submitOutputBytes: 16 * MB,
    });
    try {
      await judge.pool.settled();
      const [id] = judge.idleContainerIds();
      if (!id) throw new Error('no pooled container');
      const { HostConfig } = await judge.docker.getContainer(id).inspect();
      // 512 (largest limit) + 64 (work dir) + 2 × 16 (/tmp, /dev/shm) + 32 (runner) + 2 × 16 (stdout, stderr kept).
      expect(HostConfig.Memory).toBe(672 * MB);
      expect(HostConfig.MemorySwap).toBe(672 * MB);
    } finally {
      await judge.close();
    }
  });
});
