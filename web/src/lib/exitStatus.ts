import type { ExitEvent } from '@codestream/shared';

export type ExitTone = 'success' | 'failure' | 'neutral';

export interface ExitDescription {
  /** One line for people, e.g. "Exited with code 0" or "Killed by SIGSEGV". */
  text: string;
  tone: ExitTone;
  /** The judge's own sentence when it tells more than `text` (e.g. that the compiler, not the program, was stopped). */
  detail?: string;
}

/** How a finished run ended, as the console's last line says it. */
export function describeExit(exit: ExitEvent): ExitDescription {
  switch (exit.outcome) {
    case 'exited':
      // A message on a plain exit names a step before the program ("Compilation failed.").
      if (exit.message?.trim()) return { text: `${sentence(exit.message)} (${status(exit)})`, tone: 'failure' };
      if (exit.signal) return { text: `Killed by ${exit.signal}`, tone: 'failure' };
      if (exit.code === null) return { text: 'Exited', tone: 'neutral' };
      return { text: `Exited with code ${exit.code}`, tone: exit.code === 0 ? 'success' : 'failure' };
    case 'timeout':
      // The judge kills the program when the limit is reached, so its measured duration
      // is the limit (plus a few ms of kill latency): rounding recovers the limit.
      return withDetail(`Time limit exceeded (${formatLimitSeconds(exit.durationMs)})`, exit.message);
    case 'memory':
      return withDetail('Memory limit exceeded', exit.message);
    case 'output-limit':
      return withDetail('Output limit exceeded', exit.message);
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

/** "Compilation failed." → "Compilation failed". */
function sentence(message: string): string {
  return message.trim().replace(/\.$/, '');
}

function status(exit: ExitEvent): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return exit.code === null ? 'no exit code' : `exit code ${exit.code}`;
}

/** The judge's message as a detail line, unless it only repeats what `text` says. */
function withDetail(text: string, message: string | undefined): ExitDescription {
  const detail = message?.trim();
  const label = text.replace(/\s*\(.*\)$/, '').toLowerCase();
  if (!detail || detail.toLowerCase().startsWith(label)) return { text, tone: 'failure' };
  return { text, tone: 'failure', detail };
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
