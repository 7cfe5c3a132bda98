import type { LanguageRuntime } from './languages.ts';
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
    image: SANDBOX_IMAGE,
    fileName: 'main.rb',
    run: ['/usr/bin/ruby', '-r', `${STREAMING}/sync_stdout.rb`, 'main.rb'],
    submitRun: ['/usr/bin/ruby', 'main.rb'],
    sandbox: { stackMb: 16 },
    outOfMemory: /failed to allocate memory \(NoMemoryError\)/,
  },
  {
    id: 'php',
    image: SANDBOX_IMAGE,
    fileName: 'main.php',
    // PHP's own memory_limit (128 MB by default) would cap the program below the judge's
    // limit: it becomes the heap cap. Errors go to stderr, as in other languages.
    run: ['/usr/bin/php', '-d', 'memory_limit={heapMb}M', '-d', 'display_errors=stderr', 'main.php'],
    outOfMemory: /Allowed memory size of \d+ bytes exhausted/,
    heapCapped: true,
  },
  {
    id: 'lua',
    image: SANDBOX_IMAGE,
    fileName: 'main.lua',
    // Lua writes through C stdio, which stdbuf makes line-buffered (as for C).
    run: ['/usr/bin/stdbuf', '-oL', '/usr/bin/lua5.4', 'main.lua'],
    submitRun: ['/usr/bin/lua5.4', 'main.lua'],
    outOfMemory: /not enough memory/,
  },
  {
    id: 'perl',
    image: SANDBOX_IMAGE,
    fileName: 'main.pl',
    run: ['/usr/bin/perl', `-I${STREAMING}`, '-MAutoflush', 'main.pl'],
    submitRun: ['/usr/bin/perl', 'main.pl'],
    outOfMemory: /^Out of memory/m,
  },
  {
    id: 'bash',
    image: SANDBOX_IMAGE,
    fileName: 'main.sh',
    run: ['/bin/bash', 'main.sh'],
    outOfMemory: /cannot allocate/,
  },
  {
    id: 'r',
    image: SANDBOX_IMAGE,
    fileName: 'main.R',
    run: ['/usr/bin/Rscript', 'main.R'],
    sandbox: { nofile: 256 },
    outOfMemory: /cannot allocate vector of size/,
  },
  {
    id: 'elixir',
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
  },
] as const satisfies readonly LanguageRuntime[];
