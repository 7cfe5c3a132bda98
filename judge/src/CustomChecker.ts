import type { LanguageSpec } from '@codestream/shared';
import { type CompileSettings, compileExec, programExec } from './execSpec.ts';
import type { RunnerContainer } from './runner/RunnerContainer.ts';

/** Limits of one checker run: generous, the author's code is trusted to be reasonable, not to be safe. */
const CHECKER_LIMITS = { cpuMs: 10_000, wallMs: 20_000, memoryMb: 256 } as const;
const CHECKER_MESSAGE_BYTES = 64 * 1024;

export interface CheckOutcome {
  verdict: 'accepted' | 'wrong-answer' | 'internal-error';
  /** What the checker printed (for sample tests only: it may quote expected output). */
  message?: string;
}

/**
 * An author's checker program in its own sandbox container: the contestant's program
 * never shares a container, a file or a process with it, and the expected outputs only
 * ever enter this one. Protocol: `run input.txt expected.txt output.txt`, exit 0 =
 * accepted, 1 = wrong answer, anything else = the checker failed (internal error).
 */
export class CustomChecker {
  private constructor(
    private readonly container: RunnerContainer,
    private readonly language: LanguageSpec,
    private readonly fsizeKb: number,
  ) {}

  /** Writes and compiles the checker. Resolves with the checker, or with why it cannot run. */
  static async prepare(options: {
    container: RunnerContainer;
    language: LanguageSpec;
    code: string;
    compile: CompileSettings;
    fsizeKb: number;
    signal: AbortSignal;
  }): Promise<CustomChecker | { error: string }> {
    const { container, language, signal } = options;
    container.writeFile(language.fileName, Buffer.from(options.code, 'utf8'));
    const compile = compileExec(language, options.compile, CHECKER_LIMITS.memoryMb);
    if (compile) {
      const result = await container.exec(compile, { signal });
      if (result.code !== 0 || result.reason !== 'none') {
        return { error: `The checker did not compile: ${result.stdout.toString('utf8').slice(0, 2_000)}` };
      }
    }
    container.seal();
    return new CustomChecker(container, language, options.fsizeKb);
  }

  async check(input: string, expected: string, actual: Buffer, signal: AbortSignal): Promise<CheckOutcome> {
    // The runner wipes these after the checker ran, so the next test starts clean.
    this.container.writeFile('input.txt', Buffer.from(input, 'utf8'));
    this.container.writeFile('expected.txt', Buffer.from(expected, 'utf8'));
    this.container.writeFile('output.txt', actual);
    const result = await this.container.exec(
      programExec(
        this.language,
        { ...CHECKER_LIMITS, fsizeKb: this.fsizeKb },
        { mode: 'capture', input: Buffer.alloc(0), outputBytes: CHECKER_MESSAGE_BYTES },
        ['input.txt', 'expected.txt', 'output.txt'],
      ),
      { signal },
    );
    const message = (result.stdout.toString('utf8') || result.stderr.toString('utf8')).trim().slice(0, 1_000);
    if (result.reason === 'none' && result.signal === 0 && result.execErrno === 0) {
      if (result.code === 0) return { verdict: 'accepted', message: message || undefined };
      if (result.code === 1) return { verdict: 'wrong-answer', message: message || undefined };
    }
    return { verdict: 'internal-error', message: 'The checker failed.' };
  }

  remove(): Promise<void> {
    return this.container.remove();
  }
}
