import type { Checker, LanguageId } from '@codestream/shared';
import { ArchiveError } from './ArchiveError.ts';
import { textOf, type ZipEntries } from './zipFiles.ts';

/**
 * The output validator or interactor of an ICPC/Kattis package, as a CodeStream checker
 * speaking the Kattis protocol (exit 42/43, feedback dir: see customCheckerSchema and
 * interactiveCheckerSchema). Legacy packages keep it in output_validators/<name>/ and
 * say `validation: custom` (`custom interactive`); 2023-07 ones in output_validator/
 * with `type: interactive` for interactors. Supported: one C, C++ or Python source file;
 * quoted includes (testlib.h, validate.h, the package's own headers) are inlined from
 * the validator's folder, and one that is not there is refused by name.
 */
export function validatorCheckerOf(entries: ZipEntries, config: Record<string, unknown>): Checker | undefined {
  const validation = String(config.validation ?? '');
  const types = (Array.isArray(config.type) ? config.type : [config.type ?? '']).map(String).join(' ');
  if (/score|scoring|multi-pass/.test(`${validation} ${types}`)) {
    throw new ArchiveError(
      'unsupported',
      `problem.yaml asks for a ${validation || types} problem: only pass-fail and interactive problems are supported`,
    );
  }
  const interactive = /interactive/.test(`${validation} ${types}`);
  const files = validatorFiles(entries);
  const custom =
    interactive ||
    /custom/.test(validation) ||
    (!/^(legacy)?$/.test(String(config.problem_format_version ?? '')) && files.size > 0);
  if (!custom) return undefined;
  const what = interactive ? 'interactor' : 'output validator';
  if (files.size === 0)
    throw new ArchiveError(
      'invalid-problem',
      `problem.yaml asks for a custom ${what}, but the package has none in output_validators/`,
    );
  if (!interactive && typeof config.validator_flags === 'string' && config.validator_flags.trim()) {
    throw new ArchiveError(
      'unsupported',
      `validator_flags ("${config.validator_flags.trim()}") for a custom output validator are not supported`,
    );
  }
  const { language, code } = programOf(files, what);
  return interactive ? { type: 'interactive', language, code } : { type: 'custom', language, code, protocol: 'kattis' };
}

/** The one validator's files, by path within its folder. */
function validatorFiles(entries: ZipEntries): Map<string, Uint8Array> {
  const programs = new Map<string, Map<string, Uint8Array>>();
  for (const [path, bytes] of entries) {
    const match = /^output_validators?\/(.+)$/.exec(path);
    if (!match?.[1]) continue;
    const rest = match[1];
    const slash = rest.indexOf('/');
    // Legacy: output_validators/<program>/… or a single-file program; 2023-07: output_validator/… is one program.
    const legacy = path.startsWith('output_validators/');
    const program = legacy ? (slash === -1 ? rest : rest.slice(0, slash)) : '';
    const inner = legacy && slash !== -1 ? rest.slice(slash + 1) : rest;
    const files = programs.get(program) ?? new Map<string, Uint8Array>();
    files.set(inner, bytes);
    programs.set(program, files);
  }
  if (programs.size > 1) {
    throw new ArchiveError(
      'unsupported',
      `The package has ${programs.size} output validators (${[...programs.keys()].join(', ')}); only one is supported`,
    );
  }
  return [...programs.values()][0] ?? new Map();
}

const LANGUAGE_OF: Record<string, LanguageId> = {
  c: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  'c++': 'cpp',
  py: 'python',
};
const SOURCE = /\.(c|cc|cpp|cxx|c\+\+|py|py3|java|kt|rs|go|js|ts|sh|pl|rb)$/i;

function programOf(files: Map<string, Uint8Array>, what: string): { language: LanguageId; code: string } {
  const scripts = [...files.keys()].filter((p) => /^(build|run)$/.test(p));
  if (scripts.length > 0)
    throw new ArchiveError(
      'unsupported',
      `The ${what} has a ${scripts.join(' and ')} script; only one C, C++ or Python source file is supported`,
    );
  const sources = [...files.keys()].filter((p) => SOURCE.test(p));
  const [source] = sources;
  if (!source || sources.length > 1) {
    throw new ArchiveError(
      'unsupported',
      `The ${what} has ${sources.length} source files (${sources.join(', ') || 'none'}); only one C, C++ or Python source file (with headers it includes) is supported`,
    );
  }
  const extension = (/\.([^.]+)$/.exec(source)?.[1] ?? '').toLowerCase();
  const language = LANGUAGE_OF[extension];
  if (!language)
    throw new ArchiveError(
      'unsupported',
      `The ${what} ${source} is not in C, C++ or Python, the languages supported for validators`,
    );
  const text = textOf(files.get(source) ?? new Uint8Array(), source);
  return { language, code: language === 'python' ? text : inlineIncludes(text, source, files, new Set([source])) };
}

/** Headers CodeStream's image lacks, though validators often include them with <>. */
const PACKAGE_HEADERS = new Set(['testlib.h', 'validate.h']);

/** Replaces each `#include "x"` (and <testlib.h>, <validate.h>) by the file from the validator's folder, once each. */
function inlineIncludes(text: string, path: string, files: Map<string, Uint8Array>, seen: Set<string>): string {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  return text.replace(
    /^[ \t]*#[ \t]*include[ \t]*(["<])([^">\n]+)[">][^\n]*$/gm,
    (line, quote: string, name: string) => {
      if (quote === '<' && !PACKAGE_HEADERS.has(name)) return line;
      const header = [`${dir}${name}`, name].find((candidate) => files.has(candidate));
      if (!header) {
        throw new ArchiveError(
          'unsupported',
          `${path} includes ${quote === '<' ? `<${name}>` : `"${name}"`}, which the package does not contain: add it next to ${path}`,
        );
      }
      if (seen.has(header)) return '';
      seen.add(header);
      return inlineIncludes(textOf(files.get(header) ?? new Uint8Array(), header), header, files, seen);
    },
  );
}
