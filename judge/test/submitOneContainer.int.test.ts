import { expect, it } from 'vitest';
import { Labels } from '../src/sandboxSpec.ts';
import { describeInProcessJudge, finishedOf, submission, submitAll, testEvents } from './harness.ts';

describeInProcessJudge(
  'a 50-test problem',
  (h) => {
    it('is judged in a single container', async () => {
      const docker = h().docker;
      const tests = Array.from({ length: 50 }, (_, i): [string, string] => [`${i}\n`, `${i * i}\n`]);
      const events = await docker.docker.getEvents({
        filters: { type: ['container'], event: ['create'], label: [`${Labels.judge}=${docker.id}`] },
      });
      const created: string[] = [];
      events.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          created.push((JSON.parse(line) as { id: string }).id);
        }
      });
      try {
        const result = await submitAll(docker, submission('python', 'n = int(input())\nprint(n * n)\n', tests));
        expect(testEvents(result)).toHaveLength(50);
        expect(finishedOf(result)).toMatchObject({ verdict: 'accepted', passed: 50, total: 50 });
        // Docker delivers events asynchronously; give a late one time to arrive.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(created).toHaveLength(1);
      } finally {
        (events as unknown as { destroy(): void }).destroy();
      }
    });
  },
  { poolSize: 0 },
);
