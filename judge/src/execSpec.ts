import type { LanguageSpec } from '@codestream/shared';
import type { ExecSpec } from './runner/runnerProtocol.ts';

/** Judge-wide limits of the compile step (the same for every language). */
export interface CompileSettings {
  /** CPU time of the compiler, times the language's compileTimeFactor; its wall-clock limit is 1.5× that. */
  timeMs: number;
  /** Compiler messages kept (stdout and stderr together); the rest is dropped. */
  messageBytes: number;
  /** Largest file the compiler may write (the work dir's size). */
  fsizeKb: number;
  /** Peak resident memory of any one compiler process (JUDGE_COMPILE_MEMORY_MB). */
  memoryMb: number;
}

/** The heap cap `{heapMb}` a runtime gets for a memory limit: three quarters, leaving room for the runtime itself. */
export function heapMbFor(memoryMb: number): number {
  return Math.max(16, Math.floor((memoryMb * 3) / 4));
}

/** Replaces {memoryMb} and {heapMb} (see languages.ts). */
export function expandPlaceholders(value: string, memoryMb: number): string {
  return value.replaceAll('{memoryMb}', String(memoryMb)).replaceAll('{heapMb}', String(heapMbFor(memoryMb)));
}

function envList(env: Readonly<Record<string, string>> | undefined, memoryMb: number): string[] {
  return Object.entries(env ?? {}).map(([k, v]) => `${k}=${expandPlaceholders(v, memoryMb)}`);
}

/** CPU time limit of the language's compile step (JUDGE_COMPILE_TIME_LIMIT_MS × its compileTimeFactor). */
export function compileCpuMs(language: LanguageSpec, settings: CompileSettings): number {
  return settings.timeMs * (language.compileTimeFactor ?? 1);
}

/** The language's compile step, or undefined for interpreted languages. */
export function compileExec(language: LanguageSpec, settings: CompileSettings, memoryMb: number): ExecSpec | undefined {
  if (!language.compile) return undefined;
  const cpuMs = compileCpuMs(language, settings);
  return {
    argv: language.compile.map((a) => expandPlaceholders(a, memoryMb)),
    env: envList(language.compileEnv, memoryMb),
    compile: true,
    cpuMs,
    wallMs: Math.round(cpuMs * 1.5),
    // The compiler's own limit, not the test's: a test limit of a few MB must not fail
    // the build, and a compiler must not grow to the whole container (sized for it and
    // the largest test together). The runner stops it as it stops a program.
    memKb: settings.memoryMb * 1024,
    fsizeKb: settings.fsizeKb,
    outCap: settings.messageBytes,
    errCap: 0,
  };
}

export interface ProgramLimits {
  cpuMs: number;
  wallMs: number;
  memoryMb: number;
  fsizeKb: number;
}

/**
 * One run of the program: Run streams its output, submissions capture it. Either way
 * stdout and stderr each have the cap `outputBytes`, and printing past it stops the
 * program (an output limit): a stderr flood must not run on to the time limit.
 */
export function programExec(
  language: LanguageSpec,
  limits: ProgramLimits,
  io: { mode: 'stream' | 'capture'; input: Buffer; outputBytes: number },
  extraArgs: readonly string[] = [],
): ExecSpec {
  const argv = io.mode === 'capture' ? (language.submitRun ?? language.run) : language.run;
  const memKb = limits.memoryMb * 1024;
  return {
    argv: [...argv.map((a) => expandPlaceholders(a, limits.memoryMb)), ...extraArgs],
    env: envList(language.env, limits.memoryMb),
    stream: io.mode === 'stream',
    cpuMs: limits.cpuMs,
    wallMs: limits.wallMs,
    memKb,
    fsizeKb: limits.fsizeKb,
    // Deep recursion may use the whole memory limit as stack (it counts as memory anyway).
    stackKb: Math.min(memKb, (language.sandbox?.stackMb ?? Number.POSITIVE_INFINITY) * 1024),
    input: io.input,
    outCap: io.outputBytes,
    errCap: io.outputBytes,
    outFatal: true,
    errFatal: true,
  };
}

/** Wall-clock limit of a judged test: a sleeping program is stopped, a busy machine is tolerated. */
export function testWallMs(cpuMs: number): number {
  return Math.max(2 * cpuMs, cpuMs + 1_000);
}
