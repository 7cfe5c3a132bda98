import type { LanguageSpec } from '@codestream/shared';
import { AUTHOR_PROGRAM_LIMITS, type AuthorProgramOptions, buildAuthorProgram } from './authorProgram.ts';
import { programExec } from './execSpec.ts';
import { kattisArgv, kattisVerdict } from './kattisProtocol.ts';
import type { RunnerContainer } from './runner/RunnerContainer.ts';

const CHECKER_MESSAGE_BYTES = 64 * 1024;

export interface CheckOutcome {
  verdict: 'accepted' | 'wrong-answer' | 'internal-error';
  /** What the checker printed (for sample tests only: it may quote expected output). */
  message?: string;
}

export type CheckerProtocol = 'codestream' | 'kattis';

/**
 * An author's checker program in its own sandbox container: the contestant's program
 * never shares a container, a file or a process with it, and the expected outputs only
 * ever enter this one. Protocols (see customCheckerSchema in shared):
 * - codestream: `run input.txt expected.txt output.txt`, exit 0 = accepted, 1 = wrong
 *   answer, anything else = the checker failed (internal error);
 * - kattis: `run input.txt expected.txt feedback/` with the output on stdin, exit 42 =
 *   accepted, 43 = wrong answer (kattisProtocol.ts).
 */
export class CustomChecker {
  private constructor(
    private readonly container: RunnerContainer,
    private readonly language: LanguageSpec,
    private readonly fsizeKb: number,
    private readonly protocol: CheckerProtocol,
  ) {}

  /** Writes and compiles the checker. Resolves with the checker, or with why it cannot run. */
  static async prepare(
    options: AuthorProgramOptions & { protocol?: CheckerProtocol },
  ): Promise<CustomChecker | { error: string }> {
    const error = await buildAuthorProgram({ ...options, role: 'checker' });
    if (error) return { error };
    return new CustomChecker(options.container, options.language, options.fsizeKb, options.protocol ?? 'codestream');
  }

  async check(input: string, expected: string, actual: Buffer, signal: AbortSignal): Promise<CheckOutcome> {
    const kattis = this.protocol === 'kattis';
    // The runner wipes these after the checker ran, so the next test starts clean.
    this.container.writeFile('input.txt', Buffer.from(input, 'utf8'));
    this.container.writeFile('expected.txt', Buffer.from(expected, 'utf8'));
    if (!kattis) this.container.writeFile('output.txt', actual);
    const limits = { ...AUTHOR_PROGRAM_LIMITS, fsizeKb: this.fsizeKb };
    const io = {
      mode: 'capture' as const,
      input: kattis ? actual : Buffer.alloc(0),
      outputBytes: CHECKER_MESSAGE_BYTES,
    };
    const spec = kattis
      ? programExec(this.language, limits, io)
      : programExec(this.language, limits, io, ['input.txt', 'expected.txt', 'output.txt']);
    const result = await this.container.exec(kattis ? { ...spec, argv: kattisArgv(spec.argv) } : spec, { signal });
    const printed = kattis ? result.stderr : result.stdout.byteLength > 0 ? result.stdout : result.stderr;
    const message = printed.toString('utf8').trim().slice(0, 1_000) || undefined;
    if (result.reason === 'none' && result.signal === 0 && result.execErrno === 0) {
      const verdict = kattis
        ? kattisVerdict(result.code)
        : result.code === 0
          ? 'accepted'
          : result.code === 1
            ? 'wrong-answer'
            : undefined;
      if (verdict) return { verdict, message };
    }
    return { verdict: 'internal-error', message: 'The checker failed.' };
  }

  remove(): Promise<void> {
    return this.container.remove();
  }
}
