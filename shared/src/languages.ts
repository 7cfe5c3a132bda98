/**
 * The language catalog. Adding a language is one entry here plus its packages in the
 * sandbox image (sandbox/packages.txt).
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
  /** argv that runs `fileName` (relative to the work dir), without a shell. */
  run: readonly string[];
  /** Editor mode for syntax highlighting. */
  editorMode: 'python' | 'javascript';
  /** Code a new room starts with. */
  template: string;
}

export const SANDBOX_IMAGE = 'codestream-sandbox:latest';

export const LANGUAGES = [
  {
    id: 'python',
    label: 'Python',
    version: '3.11',
    image: SANDBOX_IMAGE,
    fileName: 'main.py',
    run: ['/usr/bin/python3', '-u', 'main.py'],
    editorMode: 'python',
    template: 'import sys\n\nname = sys.stdin.readline().strip() or "world"\nprint(f"Hello, {name}!")\n',
  },
  {
    id: 'javascript',
    label: 'JavaScript',
    version: 'Node.js 18',
    image: SANDBOX_IMAGE,
    fileName: 'main.js',
    run: ['/usr/bin/node', 'main.js'],
    editorMode: 'javascript',
    template:
      "const input = require('fs').readFileSync(0, 'utf8');\nconst name = input.split('\\n')[0].trim() || 'world';\nconsole.log('Hello, ' + name + '!');\n",
  },
] as const satisfies readonly LanguageSpec[];

export type LanguageId = (typeof LANGUAGES)[number]['id'];

export const DEFAULT_LANGUAGE: LanguageId = 'python';

export const LANGUAGE_IDS = LANGUAGES.map((l) => l.id) as [LanguageId, ...LanguageId[]];

export function findLanguage(id: string): LanguageSpec | undefined {
  return LANGUAGES.find((l) => l.id === id);
}
