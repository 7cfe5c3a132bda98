import { useState } from 'preact/hooks';
import { deleteProblem, exportUrl } from '../../api/problemApi.ts';
import { useConfirm } from '../../hooks/useConfirm.tsx';
import { errorMessage } from '../../lib/http.ts';
import { navigate } from '../../lib/navigation.ts';

/** Export the problem as a zip, or delete it (after confirming). */
export function ProblemDangerZone({ slug, title }: { slug: string; title: string }) {
  const { dialog, ask } = useConfirm();
  const [error, setError] = useState<string | null>(null);

  async function onDelete() {
    const confirmed = await ask({
      title: `Delete “${title}”?`,
      body: 'The problem and all its test cases are deleted for good. Export it first to keep a copy.',
      confirmLabel: 'Delete problem',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await deleteProblem(slug);
      navigate('/admin/problems', { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section class="panel" aria-labelledby="archive-title">
      <h2 id="archive-title" class="panel-title">
        Archive and delete
      </h2>
      <div class="form-actions start">
        <a class="button" href={exportUrl(slug)} download={`${slug}.zip`} data-testid="problem-export">
          Export as .zip
        </a>
        <button type="button" class="button danger-outline" data-testid="problem-delete" onClick={onDelete}>
          Delete problem
        </button>
      </div>
      {error && (
        <p class="form-error" role="alert">
          The problem could not be deleted: {error}
        </p>
      )}
      {dialog}
    </section>
  );
}
