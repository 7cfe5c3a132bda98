import type { LanguageRuntime } from './languages.ts';
import { COMPILE_ENV, JVM_OPTIONS, SANDBOX_IMAGE } from './sandboxImage.ts';

/** The Kotlin and Scala jars build.sh copies into the image from Maven Central (sandbox/maven.lock). */
const KOTLIN_STDLIB = '/opt/kotlin/lib/kotlin-stdlib.jar';
const SCALA_LIBRARY = '/opt/scala/lib/scala3-library_3.jar:/opt/scala/lib/scala-library.jar';

/**
 * A JVM compiler: C1 only (it runs for seconds), a heap that leaves the compiler room under
 * JUDGE_COMPILE_MEMORY_MB (768 MB by default), and the class-data sharing archive the image
 * wrote with these same options (sandbox/jvm/cds-archives), which halves its start.
 */
const jvmCompiler = (tool: 'kotlin' | 'scala') =>
  [
    '/usr/bin/java',
    ...JVM_OPTIONS,
    '-XX:TieredStopAtLevel=1',
    '-Xmx512m',
    '-Xss16m',
    `-XX:SharedArchiveFile=/opt/${tool}/compiler.jsa`,
  ] as const;
/** A JVM program, as Java's: its heap fits under the memory limit. */
const JVM_PROGRAM = ['/usr/bin/java', ...JVM_OPTIONS, '-Xss64m', '-Xmx{heapMb}m', '-Dfile.encoding=UTF-8'] as const;

/**
 * What Kotlin and Scala share. Measured in the built image on one CPU, a hello world costs
 * Kotlin's compiler ≈ 2.3 s and Scala's ≈ 2.4 s of CPU (twice that without the archive, and
 * more on a busy machine): three times JUDGE_COMPILE_TIME_LIMIT_MS leaves real programs room.
 */
const JVM_LANGUAGE = {
  image: SANDBOX_IMAGE,
  compileEnv: { ...COMPILE_ENV, HOME: '/tmp' },
  compileTimeFactor: 3,
  sandbox: { pidsLimit: 128 },
  outOfMemory: /java\.lang\.OutOfMemoryError/,
  heapCapped: true,
} as const;

/** Compiled languages beyond the first eight: C#, Kotlin, Scala, Haskell, OCaml. */
export const compiledLanguages = [
  {
    id: 'csharp',
    image: SANDBOX_IMAGE,
    fileName: 'main.cs',
    compile: ['/usr/bin/mcs', '-optimize+', '-out:main.exe', 'main.cs'],
    run: ['/usr/bin/mono', 'main.exe'],
    compileEnv: { ...COMPILE_ENV, HOME: '/tmp' },
    // Mono's GC otherwise grows its heap past the limit before it collects.
    env: { MONO_GC_PARAMS: 'max-heap-size={heapMb}m' },
    outOfMemory: /System\.OutOfMemoryException/,
    heapCapped: true,
  },
  {
    id: 'kotlin',
    ...JVM_LANGUAGE,
    fileName: 'main.kt',
    compile: [
      ...jvmCompiler('kotlin'),
      // It would unpack a native library (jansi, for colours) into /tmp, which is noexec.
      '-Dkotlin.colors.enabled=false',
      '-cp',
      '/opt/kotlin/lib/*',
      'org.jetbrains.kotlin.cli.jvm.K2JVMCompiler',
      '-no-stdlib',
      '-no-reflect',
      '-classpath',
      KOTLIN_STDLIB,
      '-d',
      '.',
      'main.kt',
    ],
    run: [...JVM_PROGRAM, '-cp', `${KOTLIN_STDLIB}:.`, 'MainKt'],
  },
  {
    id: 'scala',
    ...JVM_LANGUAGE,
    fileName: 'main.scala',
    compile: [
      ...jvmCompiler('scala'),
      '-cp',
      '/opt/scala/lib/*',
      'dotty.tools.dotc.Main',
      '-classpath',
      SCALA_LIBRARY,
      '-d',
      '.',
      'main.scala',
    ],
    run: [...JVM_PROGRAM, '-cp', `${SCALA_LIBRARY}:.`, 'Main'],
  },
  {
    id: 'haskell',
    image: SANDBOX_IMAGE,
    fileName: 'main.hs',
    // Haskell block-buffers stdout when it is not a terminal; the program's Main.main runs
    // inside LineBuffered.main (sandbox/haskell), which makes stdout line-buffered so each
    // line streams as it is printed. Build products go to /tmp, not next to that module.
    compile: [
      '/usr/bin/ghc',
      '-v0',
      '-O1',
      '-outputdir',
      '/tmp/ghc',
      '-main-is',
      'LineBuffered',
      '-o',
      'main',
      'main.hs',
      '/usr/local/share/codestream/LineBuffered.hs',
    ],
    run: ['/work/main'],
    compileEnv: { ...COMPILE_ENV, HOME: '/tmp' },
    outOfMemory: /out of memory/,
  },
  {
    id: 'ocaml',
    image: SANDBOX_IMAGE,
    fileName: 'main.ml',
    // The unix library is linked in (sleep, time, processes), as people expect of OCaml.
    compile: ['/usr/bin/ocamlopt', '-I', '+unix', 'unix.cmxa', '-o', 'main', 'main.ml'],
    run: ['/work/main'],
    compileEnv: COMPILE_ENV,
    outOfMemory: /Out_of_memory/,
  },
] as const satisfies readonly LanguageRuntime[];
