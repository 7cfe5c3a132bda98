import type { ExitEvent } from '@codestream/shared';

export type ExitTone = 'success' | 'failure' | 'neutral';

export interface ExitDescription {
  /** One line for people, e.g. "Exited with code 0" or "Killed by SIGSEGV". */
  text: string;
  tone: ExitTone;
}

/** How a finished run ended, as the console's last line says it. */
export function describeExit(exit: ExitEvent): ExitDescription {
  switch (exit.outcome) {
    case 'exited':
      if (exit.signal) return { text: `Killed by ${exit.signal}`, tone: 'failure' };
      if (exit.code === null) return { text: 'Exited', tone: 'neutral' };
      return { text: `Exited with code ${exit.code}`, tone: exit.code === 0 ? 'success' : 'failure' };
    case 'timeout':
      // The judge kills the program when the limit is reached, so its measured duration
      // is the limit (plus a few ms of kill latency): rounding recovers the limit.
      return { text: `Time limit exceeded (${formatLimitSeconds(exit.durationMs)})`, tone: 'failure' };
    case 'memory':
      return { text: 'Memory limit exceeded', tone: 'failure' };
    case 'output-limit':
      return { text: 'Output limit exceeded', tone: 'failure' };
    case 'stopped':
      return { text: 'Stopped by user', tone: 'neutral' };
    case 'error':
      return { text: `Internal error: ${exit.message?.trim() || 'the run could not be completed'}`, tone: 'failure' };
    default: {
      const unreachable: never = exit.outcome;
      return { text: String(unreachable), tone: 'neutral' };
    }
  }
}

function formatLimitSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const whole = Math.round(ms / 1000);
  // "10 s" rather than "10.0 s" or "10.03 s"; keep a decimal only for limits that have one.
  if (Math.abs(ms - whole * 1000) <= 150) return `${whole} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Duration for people: "85 ms", "1.24 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}
