import { problemSlugSchema } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { importProblem } from '../../api/problemApi.ts';
import { ApiError, errorMessage, type FieldIssue } from '../../lib/http.ts';
import { navigate } from '../../lib/navigation.ts';
import { editProblemPath } from '../../lib/route.ts';
import { FormError } from '../FormError.tsx';

/** Creates a problem from a zip: a CodeStream export, or an ICPC/Kattis problem package. */
export function ImportProblemForm() {
  const [file, setFile] = useState<File | null>(null);
  const [slug, setSlug] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; issues: readonly FieldIssue[] } | null>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (!file) {
      setError({ message: 'Choose a .zip file first.', issues: [] });
      return;
    }
    const wantedSlug = slug.trim();
    if (wantedSlug && !problemSlugSchema.safeParse(wantedSlug).success) {
      setError({ message: 'The slug may hold lowercase letters, digits and dashes (not at either end).', issues: [] });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await importProblem(file, wantedSlug || undefined);
      navigate(editProblemPath(created));
    } catch (err) {
      setError({ message: errorMessage(err), issues: err instanceof ApiError ? err.details : [] });
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="import-title">
      <h2 id="import-title" class="panel-title">
        Import a problem
      </h2>
      <p class="muted">A CodeStream export, or an ICPC / Kattis problem package, as a .zip file.</p>
      <form class="stack" onSubmit={onSubmit}>
        <div class="field">
          <label class="field-label" for="admin-import-file">
            Archive
          </label>
          <input
            id="admin-import-file"
            type="file"
            accept=".zip,application/zip"
            data-testid="admin-import-file"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <div class="field">
          <label class="field-label" for="admin-import-slug">
            Slug (optional)
          </label>
          <input
            id="admin-import-slug"
            type="text"
            data-testid="admin-import-slug"
            placeholder="taken from the archive"
            value={slug}
            onInput={(e) => setSlug(e.currentTarget.value)}
          />
        </div>
        <FormError message={error?.message ?? null} issues={error?.issues} testId="admin-import-error" />
        <div class="form-actions start">
          <button type="submit" class="button primary" data-testid="admin-import-submit" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </section>
  );
}
