import type { Checker } from '@codestream/shared';
import type { ProblemFormState } from '../../lib/problemForm.ts';
import { TextField } from '../TextField.tsx';

const CHECKERS: { type: Checker['type']; label: string; hint: string }[] = [
  { type: 'tokens', label: 'Tokens', hint: 'Whitespace-separated tokens must be equal; spacing does not matter.' },
  { type: 'exact', label: 'Exact', hint: 'Byte for byte, except trailing whitespace at the end.' },
  { type: 'float', label: 'Floating point', hint: 'Like tokens, but numbers match within either tolerance.' },
];

/** How output is compared, with the tolerances of the float checker. */
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
  return (
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
    </div>
  );
}
