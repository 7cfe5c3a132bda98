import { compiledLanguages } from './compiledLanguages.ts';
import { LANGUAGE_INFO, type LanguageId, type LanguageInfo } from './languageInfo.ts';
import { COMPILE_ENV, SANDBOX_IMAGE } from './sandboxImage.ts';
import { scriptingLanguages } from './scriptingLanguages.ts';

export * from './languageInfo.ts';
export { SANDBOX_IMAGE } from './sandboxImage.ts';

/**
 * How the sandbox compiles and runs each language. Adding a language is an entry in
 * languageInfo.ts (what the browser shows) and one here (or in compiledLanguages.ts,
 * scriptingLanguages.ts), plus its packages in the sandbox image (sandbox/packages.txt, or
 * sandbox/maven.lock for a compiler from Maven Central). Versions are those measured in
 * the built image.
 *
 * argv placeholders (run and compile, and env values): `{memoryMb}` is the memory limit
 * of the run in MB, `{heapMb}` three quarters of it (for runtimes with their own heap
 * limit, so the heap fits under the limit with room for the runtime itself).
 */
export interface LanguageRuntime {
  id: LanguageId;
  /** Docker image the program runs in. */
  image: string;
  /** File the code is written to inside the sandbox work dir. */
  fileName: string;
  /**
   * argv that turns `fileName` into what `run` executes, in the work dir, inside the
   * same sandbox (time-limited, output-capped). Absent for interpreted languages.
   */
  compile?: readonly string[];
  /** argv that runs the program (absolute executable path), without a shell. */
  run: readonly string[];
  /** argv used for judged submissions instead of `run` (e.g. without unbuffered output). */
  submitRun?: readonly string[];
  /** The whole environment of the compiler (none is inherited). */
  compileEnv?: Readonly<Record<string, string>>;
  /** The whole environment of the program (empty unless the runtime needs something). */
  env?: Readonly<Record<string, string>>;
  /**
   * The compile step's CPU time limit is JUDGE_COMPILE_TIME_LIMIT_MS times this (default 1):
   * the JVM compilers of Kotlin and Scala spend seconds loading themselves before they read
   * a line, so the same limit would fail a hello world on a busy machine.
   */
  compileTimeFactor?: number;
  /** Per-language sandbox adjustments. */
  sandbox?: {
    /** Processes + threads of the container (a JVM starts a dozen threads). */
    pidsLimit?: number;
    /** Open files of a process (R refuses to start below about 170). */
    nofile?: number;
    /**
     * The program's stack limit in MB, instead of its whole memory limit: Ruby touches
     * every page of its stack limit as it starts, which would count it all as memory.
     */
    stackMb?: number;
  };
  /** Matched against stderr of a failed run: the runtime's own "out of memory" (→ memory limit). */
  outOfMemory?: RegExp;
  /**
   * The run gives the runtime a hard heap cap of `{heapMb}` (Java's -Xmx, Node's
   * --max-old-space-size): its out-of-memory error then means the heap reached that cap,
   * below the memory limit, and the verdict's message says so.
   */
  heapCapped?: boolean;
}

/**
 * A compiled C or C++ program in Run: C's stdio buffers stdout in blocks when it is not a
 * terminal, so `printf` output would appear only at exit; `stdbuf -oL` (coreutils) makes it
 * line-buffered, so each line streams as it is printed. Submit runs the program as it is
 * (what it prints is the same; only when it is written differs).
 */
const LINE_BUFFERED_MAIN = ['/usr/bin/stdbuf', '-oL', '/work/main'] as const;

const RUNTIMES = [
  {
    id: 'python',
    image: SANDBOX_IMAGE,
    fileName: 'main.py',
    // -u: Run streams output as it is printed; submissions keep Python's faster buffering.
    run: ['/usr/bin/python3', '-u', 'main.py'],
    submitRun: ['/usr/bin/python3', 'main.py'],
    outOfMemory: /^MemoryError/m,
  },
  {
    id: 'javascript',
    image: SANDBOX_IMAGE,
    fileName: 'main.js',
    // Without a cap V8 sizes its heap from the container (≈ 600 MB), not from the limit.
    run: ['/usr/bin/node', '--max-old-space-size={heapMb}', 'main.js'],
    outOfMemory: /JavaScript heap out of memory/,
    heapCapped: true,
  },
  {
    id: 'typescript',
    image: SANDBOX_IMAGE,
    fileName: 'main.ts',
    // node.d.ts (sandbox/typescript) declares require/process/console: Debian has no @types/node.
    compile: [
      '/usr/bin/tsc',
      '--target',
      'es2020',
      '--module',
      'commonjs',
      '--lib',
      'es2020',
      '--strict',
      '--skipLibCheck',
      '--noEmitOnError',
      '--pretty',
      'false',
      '/usr/local/share/codestream/node.d.ts',
      'main.ts',
    ],
    run: ['/usr/bin/node', '--max-old-space-size={heapMb}', 'main.js'],
    compileEnv: COMPILE_ENV,
    outOfMemory: /JavaScript heap out of memory/,
    heapCapped: true,
  },
  {
    id: 'c',
    image: SANDBOX_IMAGE,
    fileName: 'main.c',
    compile: ['/usr/bin/gcc', '-O2', '-std=c17', '-pipe', '-o', 'main', 'main.c', '-lm'],
    run: LINE_BUFFERED_MAIN,
    submitRun: ['/work/main'],
    compileEnv: COMPILE_ENV,
  },
  {
    id: 'cpp',
    image: SANDBOX_IMAGE,
    fileName: 'main.cpp',
    compile: ['/usr/bin/g++', '-std=c++17', '-O2', '-pipe', '-o', 'main', 'main.cpp'],
    run: LINE_BUFFERED_MAIN,
    submitRun: ['/work/main'],
    compileEnv: COMPILE_ENV,
    outOfMemory: /std::bad_alloc/,
  },
  {
    id: 'java',
    image: SANDBOX_IMAGE,
    fileName: 'Main.java',
    compile: [
      '/usr/bin/javac',
      '-J-XX:+UseSerialGC',
      '-J-XX:TieredStopAtLevel=1',
      '-J-XX:-UsePerfData',
      '-encoding',
      'UTF-8',
      'Main.java',
    ],
    // One GC and JIT thread set for one CPU; no hsperfdata file in /tmp; the heap fits
    // under the memory limit so the GC works within it instead of growing past it.
    run: [
      '/usr/bin/java',
      '-XX:+UseSerialGC',
      '-XX:ActiveProcessorCount=1',
      '-XX:-UsePerfData',
      '-Xss64m',
      '-Xmx{heapMb}m',
      '-Dfile.encoding=UTF-8',
      'Main',
    ],
    compileEnv: COMPILE_ENV,
    sandbox: { pidsLimit: 128 },
    outOfMemory: /java\.lang\.OutOfMemoryError/,
    heapCapped: true,
  },
  {
    id: 'go',
    image: SANDBOX_IMAGE,
    fileName: 'main.go',
    // The Go compiler and linker against the standard library the image precompiled
    // (sandbox/go/go-build): `go build` would compile the library again on every build.
    // A static binary, no cgo.
    compile: ['/usr/local/bin/go-build'],
    run: ['/work/main'],
    compileEnv: COMPILE_ENV,
    // The Go runtime otherwise lets the heap grow past the limit before collecting.
    env: { GOMEMLIMIT: '{heapMb}MiB' },
    // GOMEMLIMIT is a soft goal, not a cap: the runtime fails only when it cannot allocate.
    outOfMemory: /fatal error: runtime: out of memory/,
  },
  {
    id: 'rust',
    image: SANDBOX_IMAGE,
    fileName: 'main.rs',
    compile: ['/usr/bin/rustc', '-O', '--edition', '2021', '-o', 'main', 'main.rs'],
    run: ['/work/main'],
    compileEnv: COMPILE_ENV,
    outOfMemory: /memory allocation of \d+ bytes failed/,
  },
  ...compiledLanguages,
  ...scriptingLanguages,
] as const satisfies readonly LanguageRuntime[];

/** A language as the judge runs it: what the browser shows and how the sandbox runs it. */
export type LanguageSpec = Omit<LanguageInfo, 'id'> & LanguageRuntime;

if (RUNTIMES.length !== LANGUAGE_INFO.length)
  throw new Error('A runtime of the catalog has no entry in languageInfo.ts');

/** The catalog, in languageInfo.ts's order. */
export const LANGUAGES = LANGUAGE_INFO.map((info): LanguageSpec => {
  const runtime = RUNTIMES.find((r) => r.id === info.id);
  if (!runtime) throw new Error(`The language ${info.id} has no runtime in the catalog`);
  return { ...info, ...runtime };
}) as readonly LanguageSpec[] as readonly [LanguageSpec, ...LanguageSpec[]];

export function findLanguage(id: string): LanguageSpec | undefined {
  return LANGUAGES.find((l) => l.id === id);
}
