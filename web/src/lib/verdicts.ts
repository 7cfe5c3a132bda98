import type { TestEvent, Verdict } from '@codestream/shared';

/** `muted`: no verdict on anything (a stopped submission). */
export type VerdictTone = 'success' | 'failure' | 'limit' | 'neutral' | 'muted';

export interface VerdictInfo {
  /** The full name, as people read and screen readers say it. */
  label: string;
  /** Contest shorthand (AC, WA…), shown where space is short, always beside or under `label`. */
  short: string;
  tone: VerdictTone;
}

export const VERDICT_INFO: Readonly<Record<Verdict, VerdictInfo>> = {
  accepted: { label: 'Accepted', short: 'AC', tone: 'success' },
  'wrong-answer': { label: 'Wrong Answer', short: 'WA', tone: 'failure' },
  'time-limit': { label: 'Time Limit Exceeded', short: 'TLE', tone: 'limit' },
  'memory-limit': { label: 'Memory Limit Exceeded', short: 'MLE', tone: 'limit' },
  'runtime-error': { label: 'Runtime Error', short: 'RE', tone: 'failure' },
  'output-limit': { label: 'Output Limit Exceeded', short: 'OLE', tone: 'limit' },
  'compilation-error': { label: 'Compilation Error', short: 'CE', tone: 'failure' },
  'internal-error': { label: 'Internal Error', short: 'IE', tone: 'neutral' },
};

/** A submission stopped before every test was judged: neither the program's fault nor the judge's. */
export const STOPPED_INFO: VerdictInfo = { label: 'Stopped', short: 'ST', tone: 'muted' };

/**
 * How a finished submission's overall verdict is shown: "Stopped" when it was stopped
 * (its `internal-error` then says nothing), else its verdict.
 */
export function overallVerdictInfo(finished: { verdict: Verdict; stopped?: boolean }): VerdictInfo {
  return finished.stopped ? STOPPED_INFO : VERDICT_INFO[finished.verdict];
}

/**
 * The overall rule of shared/src/submissions.ts (`overallVerdict`) in words, for the
 * banner's tooltip. Keep the two in step.
 */
export const OVERALL_VERDICT_RULE =
  'How the overall verdict is decided: Compilation Error when the code did not compile (no test ran); ' +
  'otherwise Internal Error when the judge failed on any test; otherwise the verdict of the first test, ' +
  'in order, that was not accepted; Accepted only when every test was. ' +
  'Stopped when someone stopped it (or everyone left) before every test was judged.';

/** A test's verdict for people, with what ended a crashed program: "Runtime Error (SIGSEGV)". */
export function testVerdictLabel(test: Pick<TestEvent, 'verdict' | 'signal' | 'exitCode'>): string {
  const { label } = VERDICT_INFO[test.verdict];
  if (test.verdict !== 'runtime-error') return label;
  if (test.signal) return `${label} (${test.signal})`;
  if (test.exitCode !== undefined && test.exitCode !== 0) return `${label} (exit code ${test.exitCode})`;
  return label;
}

/** Peak memory as measured in KB: "850 KB", "12.4 MB". */
export function formatMemory(kb: number): string {
  if (!Number.isFinite(kb) || kb < 0) return '—';
  if (kb < 1024) return `${Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 100 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** A per-test time: whole milliseconds, "—" when not measured. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  return `${Math.round(ms)} ms`;
}
