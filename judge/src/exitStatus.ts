import { constants } from 'node:os';
import type { ExitEvent, OutputStream, RunLimits, RunOutcome } from '@codestream/shared';

const signalNames = new Map<number, string>(Object.entries(constants.signals).map(([name, n]) => [n, name]));

/** `SIGKILL` for 9, undefined for numbers that are no signal on this platform. */
export function signalName(signal: number): string | undefined {
  return signalNames.get(signal);
}

/**
 * Docker reports a process killed by signal N as exit status 128 + N (as shells do).
 * A program that calls exit(137) itself is indistinguishable; we report a signal then.
 */
export function describeExitStatus(status: number): { code: number | null; signal: string | null } {
  if (status > 128) {
    const name = signalName(status - 128);
    if (name) return { code: null, signal: name };
  }
  return { code: status, signal: null };
}

export const STOPPED_MESSAGE = 'The run was stopped.';

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function size(bytes: number): string {
  return bytes >= 1024 ? `${Number((bytes / 1024).toFixed(1))} KB` : `${bytes} bytes`;
}

/** Which of a program's two time limits stopped it: the CPU time it used, or the time that passed. */
export type TimeLimitClock = 'cpu' | 'wall';

/**
 * What a person reads when a run hit a time limit. Both limits of a run are `timeMs`; a
 * program on one CPU reaches the wall-clock one first, so that message tells how much CPU
 * time it used: about the limit for a busy program, little for one waiting or sleeping.
 */
export function timeLimitMessage(clock: TimeLimitClock, limits: Pick<RunLimits, 'timeMs'>, cpuMs: number): string {
  const limit = seconds(limits.timeMs);
  return clock === 'cpu'
    ? `CPU time limit exceeded: the program used more than ${limit} of CPU time and was stopped.`
    : `Wall-clock time limit exceeded: the program ran longer than ${limit} and was stopped (it had used ${seconds(cpuMs)} of CPU time).`;
}

/** What a person reads when a run with live input waited for input past the idle limit. */
export function idleLimitMessage(idleMs: number): string {
  return `Idle limit exceeded: the program waited for input longer than ${seconds(idleMs)} and was stopped (nothing was typed; the Send EOF button ends its input).`;
}

/** What a person reads when a run did not end by itself (time limits: timeLimitMessage). */
export function outcomeMessage(
  outcome: Exclude<RunOutcome, 'exited' | 'error' | 'timeout'>,
  limits: RunLimits,
  stream?: OutputStream,
): string {
  switch (outcome) {
    case 'memory':
      return `Memory limit exceeded: the program used more than ${limits.memoryMb} MB and was stopped.`;
    case 'output-limit':
      return `Output limit exceeded: the program printed more than ${size(limits.outputBytes)} to ${stream ?? 'its output'} and was stopped.`;
    case 'stopped':
      return STOPPED_MESSAGE;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

export function errorExit(message: string, durationMs = 0): ExitEvent {
  return { type: 'exit', outcome: 'error', code: null, signal: null, durationMs, message };
}
