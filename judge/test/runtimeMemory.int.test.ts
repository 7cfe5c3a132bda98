import { expect, it } from 'vitest';
import { collect, describeEachJudge, exitOf, submission, submitAll, testEvents } from './harness.ts';

/** Asks the JVM for 1.6 GB at once: its heap cap (-Xmx192m for 256 MB) refuses before any of it is used. */
const JAVA_HUGE =
  'public class Main { public static void main(String[] a) { long[] x = new long[200_000_000]; System.out.println(x.length); } }\n';
/** Grows the V8 heap 1 MB at a time until the runtime gives up. */
const NODE_GROW = 'const kept = [];\nfor (let i = 0; ; i++) kept.push(new Array(1 << 17).fill(i));\n';
/** Asks the Go runtime for 1 TiB at once. */
const GO_HUGE = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tx := make([]byte, 1<<40)\n\tfmt.Println(len(x))\n}\n';

// The runtime's own out-of-memory error is the memory limit in Run and Submit alike, and
// the message says which cap it met; the measured peak stays the figure reported.
describeEachJudge('a runtime running out of memory', (h) => {
  it('is the memory limit in Run, naming the Java heap cap', async () => {
    const exit = exitOf(
      await collect(h().judge, { language: 'java', code: JAVA_HUGE, stdin: '', limits: { memoryMb: 256 } }),
    );
    expect(exit).toMatchObject({ outcome: 'memory', code: 1 });
    expect(exit.message).toContain('java.lang.OutOfMemoryError');
    expect(exit.message).toContain('192 MB');
  });

  it('is the memory limit in Submit, naming the Java heap cap, with the true peak', async () => {
    const events = await submitAll(h().judge, submission('java', JAVA_HUGE, [['', '']]));
    const [test] = testEvents(events);
    expect(test).toMatchObject({ verdict: 'memory-limit', exitCode: 1 });
    expect(test?.message).toContain('192 MB');
    expect(test?.memoryKb).toBeLessThan(192 * 1024);
  });

  it('is the memory limit when Node reaches its heap cap', async () => {
    const request = submission('javascript', NODE_GROW, [['', '']], { limits: { timeMs: 10_000, memoryMb: 512 } });
    const [test] = testEvents(await submitAll(h().judge, request));
    expect(test).toMatchObject({ verdict: 'memory-limit' });
    expect(test?.message).toContain('384 MB');
    expect(test?.memoryKb).toBeLessThanOrEqual(512 * 1024);
  });

  it('is the memory limit when the Go runtime cannot allocate', async () => {
    const exit = exitOf(await collect(h().judge, { language: 'go', code: GO_HUGE, stdin: '' }));
    expect(exit).toMatchObject({ outcome: 'memory' });
    expect(exit.message).toContain('out of memory');
    const [test] = testEvents(await submitAll(h().judge, submission('go', GO_HUGE, [['', '']])));
    expect(test).toMatchObject({ verdict: 'memory-limit' });
  });
});
