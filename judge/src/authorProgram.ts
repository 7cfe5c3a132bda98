import type { LanguageSpec } from '@codestream/shared';
import { type CompileSettings, compileExec } from './execSpec.ts';
import type { RunnerContainer } from './runner/RunnerContainer.ts';

/** Limits of an author's program (checker, interactor): generous, its code is trusted to be reasonable, not to be safe. */
export const AUTHOR_PROGRAM_LIMITS = { cpuMs: 10_000, wallMs: 20_000, memoryMb: 256 } as const;

/** What preparing an author's program (CustomChecker, Interactor) takes. */
export interface AuthorProgramOptions {
  container: RunnerContainer;
  language: LanguageSpec;
  code: string;
  compile: CompileSettings;
  /** Largest file it may write (the work dir's size). */
  fsizeKb: number;
  signal: AbortSignal;
}

/**
 * Writes and compiles an author's program (a checker or an interactor) in its own
 * container, then seals the work dir. Resolves with why it cannot run, or undefined.
 */
export async function buildAuthorProgram(
  options: AuthorProgramOptions & {
    /** "checker", "interactor": named in the message. */
    role: string;
  },
): Promise<string | undefined> {
  const { container, language, signal } = options;
  container.writeFile(language.fileName, Buffer.from(options.code, 'utf8'));
  const compile = compileExec(language, options.compile, AUTHOR_PROGRAM_LIMITS.memoryMb);
  if (compile) {
    const result = await container.exec(compile, { signal });
    if (result.code !== 0 || result.reason !== 'none') {
      return `The ${options.role} did not compile: ${result.stdout.toString('utf8').slice(0, 2_000)}`;
    }
  }
  container.seal();
  return undefined;
}
