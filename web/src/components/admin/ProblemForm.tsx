import { DIFFICULTIES, type Difficulty, type PublicProblem, VISIBILITIES, type Visibility } from '@codestream/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createProblem, updateProblem } from '../../api/problemApi.ts';
import { splitFieldIssues } from '../../lib/fieldErrors.ts';
import { focusFirstInvalid } from '../../lib/focus.ts';
import { ApiError, errorMessage, type FieldIssue } from '../../lib/http.ts';
import {
  type EditableProblem,
  emptyProblemForm,
  normalizeProblemIssues,
  PROBLEM_FORM_PATHS,
  type ProblemFormState,
  problemBodyFrom,
  problemFormFrom,
  slugFromTitle,
  validateProblemBody,
} from '../../lib/problemForm.ts';
import { isSaveShortcut } from '../../lib/shortcut.ts';
import { FormError } from '../FormError.tsx';
import { TextField } from '../TextField.tsx';
import { CheckerFields } from './CheckerFields.tsx';
import { StarterCodeFields } from './StarterCodeFields.tsx';
import { StatementEditor } from './StatementEditor.tsx';

/**
 * Every field of a problem. Checked with the server's own schema before sending, so most
 * mistakes show at once; whatever the server still refuses is shown the same way.
 */
export function ProblemForm({
  initial,
  onSaved,
}: {
  /** null: a new problem. */
  initial: EditableProblem | null;
  onSaved(problem: PublicProblem): void;
}) {
  const start = useMemo(() => (initial ? problemFormFrom(initial) : emptyProblemForm()), [initial]);
  const [form, setForm] = useState<ProblemFormState>(start);
  const [saved, setSaved] = useState<ProblemFormState>(start);
  // A new problem's slug follows its title until the author types one.
  const [slugTouched, setSlugTouched] = useState(initial !== null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const update = (change: Partial<ProblemFormState>) => {
    setForm((previous) => ({ ...previous, ...change }));
    setStatus(null);
  };

  async function save() {
    if (busy) return;
    const body = problemBodyFrom(form);
    const issues = validateProblemBody(body);
    if (issues.length > 0) {
      setError({ message: 'Check the highlighted fields.', issues });
      focusFirstInvalid('.problem-form');
      return;
    }
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const problem = initial ? await updateProblem(initial.slug, body) : await createProblem(body);
      const next = problemFormFrom(problem);
      setForm(next);
      setSaved(next);
      setStatus(`Saved at ${new Date().toLocaleTimeString()}.`);
      onSaved(problem);
    } catch (err) {
      setError({
        message: errorMessage(err),
        issues: err instanceof ApiError ? normalizeProblemIssues(err.details) : [],
      });
      focusFirstInvalid('.problem-form');
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = splitFieldIssues(error?.issues ?? [], PROBLEM_FORM_PATHS);
  return (
    <form
      class="problem-form"
      data-testid="problem-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (!isSaveShortcut(e)) return;
        e.preventDefault();
        void save();
      }}
    >
      <section class="panel">
        <h2 class="panel-title">Problem</h2>
        <div class="field-row">
          <TextField
            id="problem-form-title"
            class="grow"
            label="Title"
            testId="problem-form-title"
            maxLength={120}
            value={form.title}
            onValue={(title) => update(slugTouched ? { title } : { title, slug: slugFromTitle(title) })}
            error={byField.title}
          />
          <TextField
            id="problem-form-slug"
            label="Slug"
            hint="In the problem's address: lowercase letters, digits and dashes."
            testId="problem-form-slug"
            class="mono-input"
            maxLength={64}
            value={form.slug}
            onValue={(slug) => {
              setSlugTouched(true);
              update({ slug });
            }}
            error={byField.slug}
          />
        </div>
        <StatementEditor
          value={form.statement}
          onValue={(statement) => update({ statement })}
          error={byField.statement}
        />
        <div class="field-row">
          <SelectField
            id="problem-form-difficulty"
            label="Difficulty"
            value={form.difficulty}
            options={DIFFICULTIES}
            onValue={(difficulty) => update({ difficulty: difficulty as Difficulty })}
            error={byField.difficulty}
          />
          <TextField
            id="problem-form-tags"
            class="grow"
            label="Tags"
            hint="Comma-separated, at most 10."
            testId="problem-form-tags"
            placeholder="arrays, hashing"
            value={form.tags}
            onValue={(tags) => update({ tags })}
            error={byField.tags}
          />
          <SelectField
            id="problem-form-visibility"
            label="Visibility"
            value={form.visibility}
            options={VISIBILITIES}
            onValue={(visibility) => update({ visibility: visibility as Visibility })}
            error={byField.visibility}
            hint="Drafts are seen by authors and admins only."
          />
        </div>
      </section>

      <section class="panel">
        <h2 class="panel-title">Judging</h2>
        <div class="field-row">
          <TextField
            id="problem-form-time"
            label="Time limit (ms)"
            type="number"
            min={100}
            max={10000}
            step={100}
            testId="problem-form-time"
            value={form.timeLimitMs}
            onValue={(timeLimitMs) => update({ timeLimitMs })}
            error={byField.timeLimitMs}
          />
          <TextField
            id="problem-form-memory"
            label="Memory limit (MB)"
            type="number"
            min={16}
            max={1024}
            testId="problem-form-memory"
            value={form.memoryLimitMb}
            onValue={(memoryLimitMb) => update({ memoryLimitMb })}
            error={byField.memoryLimitMb}
          />
        </div>
        <CheckerFields form={form} update={update} errors={byField} />
        <label class="checkbox">
          <input
            type="checkbox"
            data-testid="problem-form-stop-first"
            checked={form.stopAtFirstFailure}
            onChange={(e) => update({ stopAtFirstFailure: e.currentTarget.checked })}
          />
          Stop judging at the first failing test
        </label>
      </section>

      <StarterCodeFields
        starterCode={form.starterCode}
        onChange={(starterCode) => update({ starterCode })}
        errors={byField}
      />

      <div class="form-footer">
        <FormError
          message={error?.message ?? null}
          issues={other}
          fieldsMarked={Object.keys(byField).length > 0}
          testId="problem-form-error"
        />
        <span class="status-ok" role="status" data-testid="problem-form-status">
          {status ?? (dirty ? 'Unsaved changes' : '')}
        </span>
        <button type="submit" class="button primary large" data-testid="problem-form-save" disabled={busy}>
          {busy ? 'Saving…' : initial ? 'Save changes' : 'Create problem'}
        </button>
      </div>
    </form>
  );
}

function SelectField({
  id,
  label,
  value,
  options,
  onValue,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  onValue(value: string): void;
  error: string | undefined;
  hint?: string;
}) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <select
        id={id}
        data-testid={id}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} class="field-hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
