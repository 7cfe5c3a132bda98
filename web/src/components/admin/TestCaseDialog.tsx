import { TEST_KINDS, type TestCase, type TestKind } from '@codestream/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { addTest, updateTest } from '../../api/problemApi.ts';
import { splitFieldIssues } from '../../lib/fieldErrors.ts';
import { ApiError, errorMessage, type FieldIssue } from '../../lib/http.ts';
import { FormError } from '../FormError.tsx';

/** Adds a test case, or edits one (`test`), in a modal dialog. */
export function TestCaseDialog({
  slug,
  test,
  onClose,
  onSaved,
}: {
  slug: string;
  test: TestCase | null;
  onClose(): void;
  onSaved(test: TestCase): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<TestKind>(test?.kind ?? 'hidden');
  const [input, setInput] = useState(test?.input ?? '');
  const [output, setOutput] = useState(test?.output ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  async function onSubmit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { kind, input, output };
      onSaved(test ? await updateTest(slug, test.id, body) : await addTest(slug, body));
    } catch (err) {
      setError({ message: errorMessage(err), issues: err instanceof ApiError ? err.details : [] });
      setBusy(false);
    }
  }

  const { byField, other } = splitFieldIssues(error?.issues ?? [], ['kind', 'input', 'output']);
  return (
    <dialog
      ref={dialog}
      class="dialog wide"
      aria-labelledby="test-dialog-title"
      data-testid="test-dialog"
      onClose={onClose}
    >
      <form class="stack" onSubmit={onSubmit}>
        <h2 id="test-dialog-title">{test ? 'Edit test case' : 'Add a test case'}</h2>
        <div class="field">
          <label class="field-label" for="test-form-kind">
            Kind
          </label>
          <select
            id="test-form-kind"
            data-testid="test-form-kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as TestKind)}
          >
            {TEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {k === 'sample' ? 'Sample (shown to solvers)' : 'Hidden (judging only)'}
              </option>
            ))}
          </select>
          {byField.kind && <p class="field-error">{byField.kind}</p>}
        </div>
        <div class="field-row">
          <div class="field grow">
            <label class="field-label" for="test-form-input">
              Input
            </label>
            <textarea
              id="test-form-input"
              class="code-input"
              rows={10}
              spellcheck={false}
              data-testid="test-form-input"
              aria-invalid={byField.input ? 'true' : undefined}
              value={input}
              onInput={(e) => setInput(e.currentTarget.value)}
            />
            {byField.input && <p class="field-error">{byField.input}</p>}
          </div>
          <div class="field grow">
            <label class="field-label" for="test-form-output">
              Expected output
            </label>
            <textarea
              id="test-form-output"
              class="code-input"
              rows={10}
              spellcheck={false}
              data-testid="test-form-output"
              aria-invalid={byField.output ? 'true' : undefined}
              value={output}
              onInput={(e) => setOutput(e.currentTarget.value)}
            />
            {byField.output && <p class="field-error">{byField.output}</p>}
          </div>
        </div>
        <FormError
          message={error?.message ?? null}
          issues={other}
          fieldsMarked={Object.keys(byField).length > 0}
          testId="test-form-error"
        />
        <div class="form-actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button primary" data-testid="test-form-save" disabled={busy}>
            {busy ? 'Saving…' : test ? 'Save test' : 'Add test'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
