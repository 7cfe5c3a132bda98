import { expect, it } from 'vitest';
import { collect, describeEachJudge, outputOf, python } from './harness.ts';

describeEachJudge('program environment', (h) => {
  it('starts python with an empty environment', async () => {
    // /proc/self/environ is what the process was started with (python later adds
    // LC_CTYPE to os.environ itself when it coerces the C locale).
    const received = await collect(h().judge, python('print(repr(open("/proc/self/environ", "rb").read()))\n'));
    expect(outputOf(received)).toBe("b''\n");
  });

  it('starts node with an empty environment', async () => {
    const received = await collect(h().judge, {
      language: 'javascript',
      code: 'console.log(JSON.stringify(process.env));',
      stdin: '',
    });
    expect(outputOf(received)).toBe('{}\n');
  });
});
