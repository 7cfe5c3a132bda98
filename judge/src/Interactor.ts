import type { LanguageSpec } from '@codestream/shared';
import { AUTHOR_PROGRAM_LIMITS, type AuthorProgramOptions, buildAuthorProgram } from './authorProgram.ts';
import type { CheckOutcome } from './CustomChecker.ts';
import { programExec } from './execSpec.ts';
import { KATTIS_MESSAGE_BYTES, kattisArgv, kattisVerdict } from './kattisProtocol.ts';
import { type RunnerContainer, RunnerError } from './runner/RunnerContainer.ts';
import type { ExecResult, ExecSpec } from './runner/runnerProtocol.ts';

/** What the interactor may print to the program in one test (more: it failed). */
const INTERACTOR_OUTPUT_BYTES = 64 * 1024 * 1024;
/** The interactor outlives the program's wall limit by this much, so it can still answer after it. */
const INTERACTOR_EXTRA_WALL_MS = 5_000;
/** Program stderr kept (its end), for the runtime's out-of-memory message. */
const STDERR_TAIL_BYTES = 64 * 1024;

export interface Interaction {
  /** The program's run; `stdout` holds the start of what it printed, at most `keepStdoutBytes`. */
  solution: ExecResult;
  /** The interactor's verdict (internal-error: it failed, or its sandbox did). */
  outcome: CheckOutcome;
  /** The interactor ended before the program did. */
  interactorFirst: boolean;
}

/**
 * An author's interactor in its own sandbox container (the program never shares a
 * container, file or process with it; the test's data only enters this one). Per test
 * both run at once, each on a live stdin (ExecSpec.liveStdin), and the judge relays the
 * bytes: the program's stdout to the interactor's stdin and back. Whichever ends first
 * closes the other's stdin; each is held to its own limits, so a program that stops
 * answering, or an interactor that hangs, ends at its wall-clock limit.
 */
export class Interactor {
  private constructor(
    private readonly container: RunnerContainer,
    private readonly language: LanguageSpec,
    private readonly fsizeKb: number,
  ) {}

  static async prepare(options: AuthorProgramOptions): Promise<Interactor | { error: string }> {
    const error = await buildAuthorProgram({ ...options, role: 'interactor' });
    if (error) return { error };
    return new Interactor(options.container, options.language, options.fsizeKb);
  }

  async interact(options: {
    program: RunnerContainer;
    /** The program's EXEC as a judged test runs it (its limits, its input unused). */
    programSpec: ExecSpec;
    input: string;
    expected: string;
    keepStdoutBytes: number;
    signal: AbortSignal;
  }): Promise<Interaction> {
    const { program, signal } = options;
    this.container.writeFile('input.txt', Buffer.from(options.input, 'utf8'));
    this.container.writeFile('expected.txt', Buffer.from(options.expected, 'utf8'));
    const spec = programExec(
      this.language,
      {
        ...AUTHOR_PROGRAM_LIMITS,
        wallMs: options.programSpec.wallMs + INTERACTOR_EXTRA_WALL_MS,
        fsizeKb: this.fsizeKb,
      },
      { mode: 'stream', input: Buffer.alloc(0), outputBytes: INTERACTOR_OUTPUT_BYTES },
    );
    const interactorSpec: ExecSpec = {
      ...spec,
      argv: kattisArgv(spec.argv),
      liveStdin: true,
      errCap: KATTIS_MESSAGE_BYTES,
      errFatal: false,
    };
    const programSpec: ExecSpec = { ...options.programSpec, input: Buffer.alloc(0), stream: true, liveStdin: true };
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let stderrTail = Buffer.alloc(0);
    const messages: Buffer[] = [];
    let first: 'program' | 'interactor' | undefined;
    // Both EXECs are written before any byte is relayed, so relayed bytes reach a running program.
    const ran = program
      .exec(programSpec, {
        signal,
        onOutput: (stream, data) => {
          if (stream === 'stderr') {
            stderrTail = Buffer.concat([stderrTail, data]).subarray(-STDERR_TAIL_BYTES);
            return;
          }
          this.container.feedInput(data);
          if (keptBytes < options.keepStdoutBytes) {
            kept.push(data.subarray(0, options.keepStdoutBytes - keptBytes));
            keptBytes += data.byteLength;
          }
        },
      })
      .finally(() => {
        first ??= 'program';
        this.container.endInput();
      });
    const interacted = this.container
      .exec(interactorSpec, {
        signal,
        onOutput: (stream, data) => {
          if (stream === 'stdout') program.feedInput(data);
          else messages.push(data);
        },
      })
      .finally(() => {
        first ??= 'interactor';
        program.endInput();
      });
    const [solution, interactor] = await Promise.allSettled([ran, interacted]);
    if (solution.status === 'rejected') throw solution.reason;
    const interactorFirst = first === 'interactor';
    const result = { ...solution.value, stdout: Buffer.concat(kept), stderr: stderrTail };
    if (interactor.status === 'rejected') {
      if (!(interactor.reason instanceof RunnerError)) throw interactor.reason;
      return {
        solution: result,
        outcome: { verdict: 'internal-error', message: 'The interactor failed.' },
        interactorFirst,
      };
    }
    return { solution: result, outcome: interactorOutcome(interactor.value, messages), interactorFirst };
  }
}

function interactorOutcome(result: ExecResult, messages: Buffer[]): CheckOutcome {
  const message = Buffer.concat(messages).toString('utf8').trim() || undefined;
  const verdict =
    result.reason === 'none' && result.signal === 0 && result.execErrno === 0 ? kattisVerdict(result.code) : undefined;
  if (verdict) return { verdict, message };
  const how =
    result.reason !== 'none'
      ? `stopped at its ${result.reason} limit`
      : result.signal
        ? `killed by signal ${result.signal}`
        : `exit code ${result.code}`;
  // Only the status: its message may quote the test's data, and this one reaches the submitter.
  return { verdict: 'internal-error', message: `The interactor failed (${how}).` };
}
