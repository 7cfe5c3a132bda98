import type { LanguageSpec } from '@codestream/shared';
import { type CompileSettings, compileCpuMs } from './execSpec.ts';
import type { ExecResult } from './runner/runnerProtocol.ts';
import { resultStatus } from './testVerdict.ts';

export interface CompileFailure {
  /** `timeout`, `memory`: a compile limit stopped the compiler; `failed`: it ended by itself with an error. */
  kind: 'timeout' | 'memory' | 'failed';
  message: string;
}

/** Why the compile step failed, or undefined when it succeeded (Run and Submit say it alike). */
export function compileFailure(
  result: ExecResult,
  settings: CompileSettings,
  language: LanguageSpec,
): CompileFailure | undefined {
  switch (result.reason) {
    case 'cpu':
    case 'wall':
      return {
        kind: 'timeout',
        message: `Compilation took longer than ${Number((compileCpuMs(language, settings) / 1000).toFixed(2))} s and was stopped.`,
      };
    case 'memory':
      return { kind: 'memory', message: `The compiler used more than its ${settings.memoryMb} MB and was stopped.` };
    case 'oom':
      return { kind: 'memory', message: 'The compiler ran out of memory.' };
    default:
      break;
  }
  if (result.execErrno !== 0) {
    return { kind: 'failed', message: `The compiler could not be started (errno ${result.execErrno}).` };
  }
  const status = resultStatus(result);
  if (status.signal) return { kind: 'failed', message: `The compiler was killed by ${status.signal}.` };
  if (status.code !== 0) return { kind: 'failed', message: `Compilation failed (exit code ${status.code}).` };
  return undefined;
}
