import type { LanguageSpec, Verdict } from '@codestream/shared';
import { signalName } from './exitStatus.ts';
import type { ExecResult } from './runner/runnerProtocol.ts';
import { runtimeOutOfMemory } from './runtimeOutOfMemory.ts';

/** Exit status as RunEvents and SubmitEvents report it: a code, or the name of the signal. */
export function resultStatus(result: ExecResult): { code: number | null; signal: string | null } {
  if (result.signal > 0) return { code: null, signal: signalName(result.signal) ?? `signal ${result.signal}` };
  return { code: result.code, signal: null };
}

export interface RunVerdict {
  /** Verdict before the output is checked: undefined means "ran fine, compare the output". */
  verdict: Exclude<Verdict, 'accepted' | 'wrong-answer' | 'compilation-error'> | undefined;
  message?: string;
}

/**
 * What the sandbox result says about one test, before its output is checked. Order
 * matters: a limit the runner enforced explains a kill better than the signal does;
 * after the fact, measured CPU time or memory above the limit still counts (a program
 * may finish between two samples of the runner's watch).
 */
export function runVerdict(
  result: ExecResult,
  language: LanguageSpec,
  limits: { timeMs: number; wallMs: number; memoryMb: number },
): RunVerdict {
  if (result.execErrno !== 0) {
    return { verdict: 'internal-error', message: `The program could not be started (errno ${result.execErrno}).` };
  }
  switch (result.reason) {
    case 'cpu':
      return { verdict: 'time-limit', message: `CPU time limit of ${limits.timeMs} ms exceeded.` };
    case 'wall':
      // Looser than the CPU limit (see testWallMs): both are named, or a sleeping program's
      // report would contradict the limit the problem shows.
      return {
        verdict: 'time-limit',
        message: `Wall-clock time limit of ${limits.wallMs} ms exceeded (real time; the CPU time limit is ${limits.timeMs} ms).`,
      };
    case 'idle':
      // Judged tests never have live input; only a Run waits for it.
      throw new Error('a judged test stopped for waiting on input');
    case 'memory':
    case 'oom':
      return { verdict: 'memory-limit', message: `Memory limit of ${limits.memoryMb} MB exceeded.` };
    case 'stdout':
    case 'stderr':
      return { verdict: 'output-limit', message: `The program printed more than allowed to ${result.reason}.` };
    case 'none':
      break;
    default: {
      const unreachable: never = result.reason;
      throw new Error(`unknown stop reason ${String(unreachable)}`);
    }
  }
  const status = resultStatus(result);
  if (status.signal || status.code !== 0) {
    // The runtime's own "out of memory" is a memory limit too, whether the runtime exits
    // (Java, Python, Go) or aborts (Node's heap limit, C++'s bad_alloc: SIGABRT).
    const outOfMemory = runtimeOutOfMemory(language, result.stderr.toString('utf8'), limits.memoryMb);
    if (outOfMemory) return { verdict: 'memory-limit', message: outOfMemory };
  }
  if (status.signal) return { verdict: 'runtime-error', message: `The program was killed by ${status.signal}.` };
  if (status.code !== 0) return { verdict: 'runtime-error', message: `The program exited with code ${status.code}.` };
  return { verdict: undefined };
}
