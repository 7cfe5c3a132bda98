import type { LanguageSpec } from './languages.ts';
import { SANDBOX_IMAGE } from './sandboxImage.ts';

/**
 * Helpers the image carries for Run (sandbox/streaming): Ruby and Perl buffer stdout in
 * blocks when it is not a terminal, so these make it flush at each write and output streams
 * as it is printed. Submit runs the program as it is (what it prints is the same).
 */
const STREAMING = '/usr/local/share/codestream';

/** Interpreted languages beyond the first eight: Ruby, PHP, Lua, Perl, Bash, R, Elixir. */
export const scriptingLanguages = [
  {
    id: 'ruby',
    label: 'Ruby',
    version: '3.3.8',
    image: SANDBOX_IMAGE,
    fileName: 'main.rb',
    run: ['/usr/bin/ruby', '-r', `${STREAMING}/sync_stdout.rb`, 'main.rb'],
    submitRun: ['/usr/bin/ruby', 'main.rb'],
    sandbox: { stackMb: 16 },
    outOfMemory: /failed to allocate memory \(NoMemoryError\)/,
    editorMode: 'python',
    syntax: 'ruby',
    template: 'name = $stdin.gets.to_s.strip\nname = "world" if name.empty?\nputs "Hello, #{name}!"\n',
  },
  {
    id: 'php',
    label: 'PHP',
    version: '8.4.27',
    image: SANDBOX_IMAGE,
    fileName: 'main.php',
    // PHP's own memory_limit (128 MB by default) would cap the program below the judge's
    // limit: it becomes the heap cap. Errors go to stderr, as in other languages.
    run: ['/usr/bin/php', '-d', 'memory_limit={heapMb}M', '-d', 'display_errors=stderr', 'main.php'],
    outOfMemory: /Allowed memory size of \d+ bytes exhausted/,
    heapCapped: true,
    editorMode: 'javascript',
    syntax: 'php',
    template:
      "<?php\n$name = trim((string) fgets(STDIN));\nif ($name === '') {\n    $name = 'world';\n}\necho \"Hello, $name!\\n\";\n",
  },
  {
    id: 'lua',
    label: 'Lua',
    version: '5.4.7',
    image: SANDBOX_IMAGE,
    fileName: 'main.lua',
    // Lua writes through C stdio, which stdbuf makes line-buffered (as for C).
    run: ['/usr/bin/stdbuf', '-oL', '/usr/bin/lua5.4', 'main.lua'],
    submitRun: ['/usr/bin/lua5.4', 'main.lua'],
    outOfMemory: /not enough memory/,
    editorMode: 'python',
    syntax: 'lua',
    template:
      'local name = (io.read("l") or ""):match("^%s*(.-)%s*$")\nif name == "" then name = "world" end\nprint("Hello, " .. name .. "!")\n',
  },
  {
    id: 'perl',
    label: 'Perl',
    version: '5.40.1',
    image: SANDBOX_IMAGE,
    fileName: 'main.pl',
    run: ['/usr/bin/perl', `-I${STREAMING}`, '-MAutoflush', 'main.pl'],
    submitRun: ['/usr/bin/perl', 'main.pl'],
    outOfMemory: /^Out of memory/m,
    editorMode: 'python',
    syntax: 'perl',
    template:
      "use strict;\nuse warnings;\n\nmy $name = <STDIN> // '';\n$name =~ s/^\\s+|\\s+$//g;\n$name = 'world' if $name eq '';\nprint \"Hello, $name!\\n\";\n",
  },
  {
    id: 'bash',
    label: 'Bash',
    version: '5.2.37',
    image: SANDBOX_IMAGE,
    fileName: 'main.sh',
    run: ['/bin/bash', 'main.sh'],
    outOfMemory: /cannot allocate/,
    editorMode: 'python',
    syntax: 'bash',
    template: 'read -r name\nif [[ -z $name ]]; then name=world; fi\necho "Hello, $name!"\n',
  },
  {
    id: 'r',
    label: 'R',
    version: '4.5.0',
    image: SANDBOX_IMAGE,
    fileName: 'main.R',
    run: ['/usr/bin/Rscript', 'main.R'],
    sandbox: { nofile: 256 },
    outOfMemory: /cannot allocate vector of size/,
    editorMode: 'python',
    syntax: 'r',
    template:
      'con <- file("stdin")\nline <- trimws(readLines(con, n = 1, warn = FALSE))\nclose(con)\nname <- if (length(line) == 0 || line == "") "world" else line\ncat("Hello, ", name, "!\\n", sep = "")\n',
  },
  {
    id: 'elixir',
    label: 'Elixir',
    version: '1.18.3 (Erlang/OTP 27)',
    image: SANDBOX_IMAGE,
    fileName: 'main.exs',
    run: ['/usr/bin/elixir', 'main.exs'],
    // erl refuses to start without HOME; one scheduler of each kind for one CPU.
    env: {
      HOME: '/tmp',
      PATH: '/usr/bin:/bin',
      ELIXIR_ERL_OPTIONS: '+S 1:1 +SDcpu 1:1 +SDio 1 +A 1',
    },
    sandbox: { pidsLimit: 128 },
    outOfMemory: /Cannot allocate \d+ bytes of memory/,
    editorMode: 'python',
    syntax: 'elixir',
    template:
      'name =\n  case IO.read(:stdio, :line) do\n    line when is_binary(line) -> String.trim(line)\n    _ -> ""\n  end\n\nname = if name == "", do: "world", else: name\nIO.puts("Hello, #{name}!")\n',
  },
] as const satisfies readonly LanguageSpec[];
