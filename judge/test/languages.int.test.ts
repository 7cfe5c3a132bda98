import { LANGUAGES } from '@codestream/shared';
import { expect, it } from 'vitest';
import { collect, describeInProcessJudge, exitOf, outputOf } from './harness.ts';

// Every catalog language, in the real image: its starter template compiles (where it
// compiles), reads a line of stdin and greets it. One judge: the HTTP and queue hops carry
// any language alike (hello.int.test.ts runs Python through each).
describeInProcessJudge('every language in the sandbox image', (h) => {
  it.each(LANGUAGES.map((l) => [l.id, l] as const))('runs the %s template with stdin', async (_id, language) => {
    const received = await collect(h().judge, {
      language: language.id,
      code: language.template,
      stdin: 'CodeStream\n',
    });
    expect(outputOf(received, 'stderr')).toBe('');
    expect(outputOf(received)).toBe('Hello, CodeStream!\n');
    expect(exitOf(received)).toMatchObject({ outcome: 'exited', code: 0, signal: null });
  });
});
