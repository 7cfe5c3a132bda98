import { type Checker, LANGUAGE_INFO, type LanguageId } from '@codestream/shared';
import type { ProblemFormState } from '../../lib/problemForm.ts';
import { languageOptionLabel } from '../LanguagePicker.tsx';
import { TextField } from '../TextField.tsx';

const CHECKERS: { type: Checker['type']; label: string; hint: string }[] = [
  { type: 'tokens', label: 'Tokens', hint: 'Whitespace-separated tokens must be equal; spacing does not matter.' },
  { type: 'exact', label: 'Exact', hint: 'Byte for byte, except trailing whitespace at the end.' },
  { type: 'float', label: 'Floating point', hint: 'Like tokens, but numbers match within either tolerance.' },
  { type: 'custom', label: 'Custom program', hint: 'A program you write below decides, test by test.' },
  {
    type: 'interactive',
    label: 'Interactive (interactor)',
    hint: 'An interactor you write below talks with the submission during each test and decides.',
  },
];

/** What an interactor starts as in Python: guess the number in the test's input. */
const PYTHON_INTERACTOR_EXAMPLE = [
  'import sys',
  '',
  'secret = int(open(sys.argv[1]).read())',
  'for _ in range(30):',
  '    guess = int(input())',
  '    if guess == secret:',
  '        print("correct", flush=True)',
  '        sys.exit(42)  # accepted',
  '    print("higher" if guess < secret else "lower", flush=True)',
  'open(sys.argv[3] + "judgemessage.txt", "w").write("too many guesses")',
  'sys.exit(43)  # wrong answer',
  '',
].join('\n');

/** What a checker program starts as in Python, shown until the author writes one. */
const PYTHON_EXAMPLE = [
  'import sys',
  '',
  'input_text, expected, output = (open(path).read() for path in sys.argv[1:4])',
  'if output.split() == expected.split():',
  '    sys.exit(0)  # accepted',
  'print("wrong answer")  # shown on sample tests only',
  'sys.exit(1)',
  '',
].join('\n');

/** How output is compared: the tolerances of the float checker, or the author's own checker program. */
export function CheckerFields({
  form,
  update,
  errors,
}: {
  form: ProblemFormState;
  update(change: Partial<ProblemFormState>): void;
  errors: Record<string, string>;
}) {
  const current = CHECKERS.find((c) => c.type === form.checkerType);
  const checkerError = errors['checker.type'] ?? errors.checker;
  const languageError = errors['checker.language'];
  const codeError = errors['checker.code'];
  const interactive = form.checkerType === 'interactive';
  const programmed = form.checkerType === 'custom' || interactive;
  return (
    <>
      <div class="field-row">
        <div class="field">
          <label class="field-label" for="problem-form-checker">
            Checker
          </label>
          <select
            id="problem-form-checker"
            data-testid="problem-form-checker"
            value={form.checkerType}
            aria-invalid={checkerError ? 'true' : undefined}
            aria-describedby="problem-form-checker-hint"
            onChange={(e) => update({ checkerType: e.currentTarget.value as Checker['type'] })}
          >
            {CHECKERS.map((c) => (
              <option key={c.type} value={c.type}>
                {c.label}
              </option>
            ))}
          </select>
          <p id="problem-form-checker-hint" class={checkerError ? 'field-error' : 'field-hint'}>
            {checkerError ?? current?.hint}
          </p>
        </div>
        {form.checkerType === 'float' && (
          <>
            <TextField
              id="problem-form-abs-tol"
              label="Absolute tolerance"
              inputMode="decimal"
              testId="problem-form-abs-tol"
              value={form.absTolerance}
              onValue={(absTolerance) => update({ absTolerance })}
              error={errors['checker.absTolerance']}
            />
            <TextField
              id="problem-form-rel-tol"
              label="Relative tolerance"
              inputMode="decimal"
              testId="problem-form-rel-tol"
              value={form.relTolerance}
              onValue={(relTolerance) => update({ relTolerance })}
              error={errors['checker.relTolerance']}
            />
          </>
        )}
        {programmed && (
          <div class="field">
            <label class="field-label" for="problem-form-checker-language">
              {interactive ? 'Interactor language' : 'Checker language'}
            </label>
            <select
              id="problem-form-checker-language"
              data-testid="problem-form-checker-language"
              value={form.checkerLanguage}
              aria-invalid={languageError ? 'true' : undefined}
              aria-describedby={languageError ? 'problem-form-checker-language-error' : undefined}
              onChange={(e) => update({ checkerLanguage: e.currentTarget.value as LanguageId })}
            >
              {LANGUAGE_INFO.map((language) => (
                <option key={language.id} value={language.id}>
                  {languageOptionLabel(language)}
                </option>
              ))}
            </select>
            {languageError && (
              <p id="problem-form-checker-language-error" class="field-error">
                {languageError}
              </p>
            )}
          </div>
        )}
      </div>
      {programmed && (
        <div class="field">
          <label class="field-label" for="problem-form-checker-code">
            {interactive ? 'Interactor program' : 'Checker program'}
          </label>
          <textarea
            id="problem-form-checker-code"
            class="code-input"
            rows={14}
            spellcheck={false}
            data-testid="problem-form-checker-code"
            aria-invalid={codeError ? 'true' : undefined}
            aria-describedby={
              codeError
                ? 'problem-form-checker-code-error problem-form-checker-code-hint'
                : 'problem-form-checker-code-hint'
            }
            placeholder={
              form.checkerLanguage === 'python' ? (interactive ? PYTHON_INTERACTOR_EXAMPLE : PYTHON_EXAMPLE) : undefined
            }
            value={form.checkerCode}
            onInput={(e) => update({ checkerCode: e.currentTarget.value })}
          />
          {codeError && (
            <p id="problem-form-checker-code-error" class="field-error">
              {codeError}
            </p>
          )}
          <p id="problem-form-checker-code-hint" class="field-hint">
            {interactive ? (
              <>
                For each test it runs in a sandbox of its own as <code>run input.txt expected.txt feedback/</code> (the
                Kattis protocol) while the submission runs: it reads what the submission prints on its stdin, and what
                it prints reaches the submission's stdin (flush after each line). Exit with 42 to accept, 43 for a wrong
                answer; anything else, a crash or a timeout is an internal error. Its message is what it writes to{' '}
                <code>feedback/judgemessage.txt</code>. Solvers never see this program.
              </>
            ) : form.checkerProtocol === 'kattis' ? (
              <>
                A Kattis output validator: for each test it runs in a sandbox of its own as{' '}
                <code>run input.txt expected.txt feedback/</code> with the submission's output on its stdin. Exit with
                42 to accept, 43 for a wrong answer; anything else is an internal error. Solvers never see this program.
              </>
            ) : (
              <>
                For each test it runs in a sandbox of its own as <code>run input.txt expected.txt output.txt</code>: the
                test's input, the expected output and the submission's output, as files named by its three arguments.
                Exit with 0 to accept, 1 for a wrong answer; any other exit, a crash or a timeout is an internal error.
                What it prints is shown for sample tests only. Solvers never see this program.
              </>
            )}
          </p>
        </div>
      )}
    </>
  );
}
