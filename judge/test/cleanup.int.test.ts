import { randomBytes } from 'node:crypto';
import { SANDBOX_IMAGE } from '@codestream/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerJudge, type DockerJudge } from '../src/DockerJudge.ts';
import { Labels } from '../src/sandboxSpec.ts';
import { collect, exitOf, python, sandboxContainers } from './harness.ts';

describe('container cleanup', () => {
  let judge: DockerJudge;
  beforeAll(async () => {
    judge = await createDockerJudge({ sweepIntervalMs: 0 });
  });
  afterAll(() => judge.close());

  /** A container as a crashed judge would have left it (created, never removed). */
  async function leftover(deadline: number, judgeId = 'crashed-judge') {
    return judge.docker.createContainer({
      Image: SANDBOX_IMAGE,
      Cmd: ['/bin/sleep', '600'],
      NetworkDisabled: true,
      Labels: { [Labels.sandbox]: '1', [Labels.judge]: judgeId, [Labels.deadline]: String(deadline) },
      HostConfig: { LogConfig: { Type: 'none', Config: {} } },
    });
  }

  it('removes sandbox containers past their deadline and keeps younger ones', async () => {
    const stale = await leftover(Date.now() - 1_000);
    await stale.start();
    const fresh = await leftover(Date.now() + 60_000);
    try {
      await judge.cleanupStaleContainers();
      await expect(stale.inspect()).rejects.toMatchObject({ statusCode: 404 });
      // It may belong to another live judge on the same engine.
      expect((await fresh.inspect()).Id).toBe(fresh.id);
    } finally {
      await fresh.remove({ force: true });
      await stale.remove({ force: true }).catch(() => {
        // Already removed by the code under test (the expected case).
      });
    }
  });

  it('removes every container carrying its own id, whatever its deadline, and no other', async () => {
    // Unique ids: other test files share the engine.
    const own = await createDockerJudge({ id: `restarted-${randomBytes(4).toString('hex')}`, sweepIntervalMs: 0 });
    const mine = await leftover(Date.now() + 60_000, own.id);
    const another = await leftover(Date.now() + 60_000, `another-${randomBytes(4).toString('hex')}`);
    try {
      expect(await own.removeOwnContainers()).toBe(1);
      await expect(mine.inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect((await another.inspect()).Id).toBe(another.id);
    } finally {
      await own.close();
      await another.remove({ force: true });
      await mine.remove({ force: true }).catch(() => {
        // Already removed by the code under test (the expected case).
      });
    }
  });

  it('stops running programs and removes their containers on close', async () => {
    const closing = await createDockerJudge({ sweepIntervalMs: 0 });
    const events = collect(closing, python('print("up", flush=True)\nwhile True:\n    pass\n'), {
      onEvent(event) {
        if (event.type === 'output') void closing.close();
      },
    });
    const exit = exitOf(await events);
    expect(exit.outcome).toBe('stopped');
    expect(await sandboxContainers(closing)).toEqual([]);
  });
});
