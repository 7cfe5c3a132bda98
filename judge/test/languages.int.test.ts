import { LANGUAGES, type LanguageId } from '@codestream/shared';
import { expect, it } from 'vitest';
import { collect, describeInProcessJudge, exitOf, outputOf } from './harness.ts';

/**
 * Programs that outgrow the heap cap their runtime gets (192 MB for a 256 MB limit). Scala
 * runs on the JVM with Kotlin's options (JVM_LANGUAGE), so Kotlin stands for both.
 */
const HEAP_HOGS: [LanguageId, string][] = [
  ['csharp', 'class P { static void Main() { var x = new long[200000000]; System.Console.WriteLine(x.Length); } }\n'],
  ['kotlin', 'fun main() {\n    val x = LongArray(200000000)\n    println(x.size)\n}\n'],
  ['php', "<?php\n$kept = [];\nfor (;;) {\n    $kept[] = str_repeat('x', 1 << 20);\n}\n"],
];

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

  it.each(HEAP_HOGS)('reports %s running out of its heap as the memory limit', async (language, code) => {
    const exit = exitOf(await collect(h().judge, { language, code, stdin: '', limits: { memoryMb: 256 } }));
    expect(exit).toMatchObject({ outcome: 'memory' });
    expect(exit.message).toContain('192 MB');
  });
});
