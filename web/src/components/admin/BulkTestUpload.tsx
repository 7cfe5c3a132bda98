import { useRef, useState } from 'preact/hooks';
import { uploadTests } from '../../api/problemApi.ts';
import { useConfirm } from '../../hooks/useConfirm.tsx';
import { ApiError, errorMessage, type FieldIssue } from '../../lib/http.ts';
import { FormError } from '../FormError.tsx';

/** Adds many tests at once from a zip of NAME.in + NAME.ans pairs, optionally replacing all tests. */
export function BulkTestUpload({ slug, onUploaded }: { slug: string; onUploaded(added: number): void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);
  const { dialog, ask } = useConfirm();

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (!file) {
      setError({ message: 'Choose a .zip file first.', issues: [] });
      return;
    }
    if (
      replace &&
      !(await ask({
        title: 'Replace every test?',
        body: 'All current test cases of this problem are deleted and replaced by the archive’s.',
        confirmLabel: 'Replace tests',
        danger: true,
      }))
    ) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const added = await uploadTests(slug, file, replace);
      setFile(null);
      setReplace(false);
      if (fileInput.current) fileInput.current.value = '';
      onUploaded(added);
    } catch (err) {
      setError({ message: errorMessage(err), issues: err instanceof ApiError ? err.details : [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="bulk-upload" onSubmit={onSubmit} aria-labelledby="bulk-title">
      <h3 id="bulk-title" class="subhead">
        Upload many
      </h3>
      <p class="muted small">
        A .zip of <code>NAME.in</code> + <code>NAME.ans</code> (or <code>.out</code>) pairs. Pairs in a{' '}
        <code>sample/</code> folder become samples, all others hidden tests.
      </p>
      <div class="field-row align-end">
        <div class="field">
          <label class="field-label" for="test-bulk-file">
            Archive
          </label>
          <input
            ref={fileInput}
            id="test-bulk-file"
            type="file"
            accept=".zip,application/zip"
            data-testid="test-bulk-file"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <label class="checkbox">
          <input
            type="checkbox"
            data-testid="test-bulk-replace"
            checked={replace}
            onChange={(e) => setReplace(e.currentTarget.checked)}
          />
          Replace existing tests
        </label>
        <button type="submit" class="button" data-testid="test-bulk-submit" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      <FormError message={error?.message ?? null} issues={error?.issues} testId="test-bulk-error" />
      {dialog}
    </form>
  );
}
