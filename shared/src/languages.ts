import { compiledLanguages } from './compiledLanguages.ts';
import { COMPILE_ENV, SANDBOX_IMAGE } from './sandboxImage.ts';
import { scriptingLanguages } from './scriptingLanguages.ts';

export { SANDBOX_IMAGE } from './sandboxImage.ts';

/**
 * The language catalog. Adding a language is one entry here (or in compiledLanguages.ts,
 * scriptingLanguages.ts) plus its packages in the sandbox image (sandbox/packages.txt, or
 * sandbox/maven.lock for a compiler from Maven Central). Versions are those measured in
 * the built image.
 *
 * argv placeholders (run and compile, and env values): `{memoryMb}` is the memory limit
 * of the run in MB, `{heapMb}` three quarters of it (for runtimes with their own heap
 * limit, so the heap fits under the limit with room for the runtime itself).
 */
export interface LanguageSpec {
  id: string;
  /** Shown in the language picker. */
  label: string;
  /** Version of the toolchain in the sandbox image, shown beside the label. */
  version: string;
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
  /** Editor mode for syntax highlighting (the web app knows these two; see `syntax`). */
  editorMode: 'python' | 'javascript';
  /** The language's own syntax, for editors that know more modes than `editorMode`. */
  syntax:
    | 'python'
    | 'javascript'
    | 'typescript'
    | 'c'
    | 'cpp'
    | 'java'
    | 'go'
    | 'rust'
    | 'ruby'
    | 'php'
    | 'csharp'
    | 'kotlin'
    | 'scala'
    | 'haskell'
    | 'ocaml'
    | 'lua'
    | 'perl'
    | 'bash'
    | 'r'
    | 'elixir';
  /** Code a new room starts with. */
  template: string;
}

/**
 * A compiled C or C++ program in Run: C's stdio buffers stdout in blocks when it is not a
 * terminal, so `printf` output would appear only at exit; `stdbuf -oL` (coreutils) makes it
 * line-buffered, so each line streams as it is printed. Submit runs the program as it is
 * (what it prints is the same; only when it is written differs).
 */
const LINE_BUFFERED_MAIN = ['/usr/bin/stdbuf', '-oL', '/work/main'] as const;

export const LANGUAGES = [
  {
    id: 'python',
    label: 'Python',
    version: '3.13.5',
    image: SANDBOX_IMAGE,
    fileName: 'main.py',
    // -u: Run streams output as it is printed; submissions keep Python's faster buffering.
    run: ['/usr/bin/python3', '-u', 'main.py'],
    submitRun: ['/usr/bin/python3', 'main.py'],
    outOfMemory: /^MemoryError/m,
    editorMode: 'python',
    syntax: 'python',
    template: 'import sys\n\nname = sys.stdin.readline().strip() or "world"\nprint(f"Hello, {name}!")\n',
  },
  {
    id: 'javascript',
    label: 'JavaScript',
    version: 'Node.js 20.19.2',
    image: SANDBOX_IMAGE,
    fileName: 'main.js',
    // Without a cap V8 sizes its heap from the container (≈ 600 MB), not from the limit.
    run: ['/usr/bin/node', '--max-old-space-size={heapMb}', 'main.js'],
    outOfMemory: /JavaScript heap out of memory/,
    heapCapped: true,
    editorMode: 'javascript',
    syntax: 'javascript',
    template:
      "const input = require('fs').readFileSync(0, 'utf8');\nconst name = input.split('\\n')[0].trim() || 'world';\nconsole.log('Hello, ' + name + '!');\n",
  },
  {
    id: 'typescript',
    label: 'TypeScript',
    version: '4.9.5 (Node.js 20.19.2)',
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
    editorMode: 'javascript',
    syntax: 'typescript',
    template:
      "const input: string = require('fs').readFileSync(0, 'utf8');\nconst name: string = input.split('\\n')[0].trim() || 'world';\nconsole.log('Hello, ' + name + '!');\n",
  },
  {
    id: 'c',
    label: 'C',
    version: 'GCC 14.2.0 (C17)',
    image: SANDBOX_IMAGE,
    fileName: 'main.c',
    compile: ['/usr/bin/gcc', '-O2', '-std=c17', '-pipe', '-o', 'main', 'main.c', '-lm'],
    run: LINE_BUFFERED_MAIN,
    submitRun: ['/work/main'],
    compileEnv: COMPILE_ENV,
    editorMode: 'javascript',
    syntax: 'c',
    template:
      '#include <stdio.h>\n#include <string.h>\n\nint main(void) {\n    char name[256] = "world";\n    if (fgets(name, sizeof name, stdin)) name[strcspn(name, "\\r\\n")] = 0;\n    printf("Hello, %s!\\n", name[0] ? name : "world");\n    return 0;\n}\n',
  },
  {
    id: 'cpp',
    label: 'C++',
    version: 'G++ 14.2.0 (C++17)',
    image: SANDBOX_IMAGE,
    fileName: 'main.cpp',
    compile: ['/usr/bin/g++', '-std=c++17', '-O2', '-pipe', '-o', 'main', 'main.cpp'],
    run: LINE_BUFFERED_MAIN,
    submitRun: ['/work/main'],
    compileEnv: COMPILE_ENV,
    outOfMemory: /std::bad_alloc/,
    editorMode: 'javascript',
    syntax: 'cpp',
    template:
      '#include <iostream>\n#include <string>\n\nint main() {\n    std::string name;\n    if (!std::getline(std::cin, name) || name.empty()) name = "world";\n    std::cout << "Hello, " << name << "!\\n";\n}\n',
  },
  {
    id: 'java',
    label: 'Java',
    version: 'OpenJDK 21.0.13',
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
    editorMode: 'javascript',
    syntax: 'java',
    template:
      'import java.io.BufferedReader;\nimport java.io.InputStreamReader;\n\npublic class Main {\n    public static void main(String[] args) throws Exception {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n        String name = in.readLine();\n        if (name == null || name.isBlank()) name = "world";\n        System.out.println("Hello, " + name.trim() + "!");\n    }\n}\n',
  },
  {
    id: 'go',
    label: 'Go',
    version: '1.24.4',
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
    editorMode: 'javascript',
    syntax: 'go',
    template:
      'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n\tline, _ := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\n\tname := strings.TrimSpace(line)\n\tif name == "" {\n\t\tname = "world"\n\t}\n\tfmt.Printf("Hello, %s!\\n", name)\n}\n',
  },
  {
    id: 'rust',
    label: 'Rust',
    version: 'rustc 1.85.1',
    image: SANDBOX_IMAGE,
    fileName: 'main.rs',
    compile: ['/usr/bin/rustc', '-O', '--edition', '2021', '-o', 'main', 'main.rs'],
    run: ['/work/main'],
    compileEnv: COMPILE_ENV,
    outOfMemory: /memory allocation of \d+ bytes failed/,
    editorMode: 'javascript',
    syntax: 'rust',
    template:
      'use std::io::BufRead;\n\nfn main() {\n    let mut line = String::new();\n    std::io::stdin().lock().read_line(&mut line).unwrap();\n    let name = match line.trim() {\n        "" => "world",\n        n => n,\n    };\n    println!("Hello, {}!", name);\n}\n',
  },
  ...compiledLanguages,
  ...scriptingLanguages,
] as const satisfies readonly LanguageSpec[];

export type LanguageId = (typeof LANGUAGES)[number]['id'];

export const DEFAULT_LANGUAGE: LanguageId = 'python';

export const LANGUAGE_IDS = LANGUAGES.map((l) => l.id) as [LanguageId, ...LanguageId[]];

export function findLanguage(id: string): LanguageSpec | undefined {
  return LANGUAGES.find((l) => l.id === id);
}
