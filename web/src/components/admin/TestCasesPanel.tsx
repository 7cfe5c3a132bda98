import type { TestCase, TestCasePreview } from '@codestream/shared';
import { useState } from 'preact/hooks';
import { deleteTest, getTest, listTests } from '../../api/problemApi.ts';
import { useConfirm } from '../../hooks/useConfirm.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { formatBytes, plural, previewText } from '../../lib/format.ts';
import { errorMessage } from '../../lib/http.ts';
import { BulkTestUpload } from './BulkTestUpload.tsx';
import { ReferenceSolution } from './ReferenceSolution.tsx';
import { TestCaseDialog } from './TestCaseDialog.tsx';

type Editing = { mode: 'add' } | { mode: 'edit'; test: TestCase };

/**
 * A problem's test cases: samples (shown to solvers) then hidden ones (never shown), and
 * the reference solution that checks them or generates their outputs.
 */
export function TestCasesPanel({ slug, interactive }: { slug: string; interactive: boolean }) {
  const tests = useResource((signal) => listTests(slug, signal), [slug]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const { dialog, ask } = useConfirm();

  async function onEdit(preview: TestCasePreview) {
    try {
      // The listing cuts long texts; editing needs them whole.
      const test = preview.truncated ? await getTest(slug, preview.id) : preview;
      setEditing({ mode: 'edit', test });
    } catch (err) {
      setNotice({ tone: 'error', text: `The test could not be opened: ${errorMessage(err)}` });
    }
  }

  async function onDelete(test: TestCasePreview, label: string) {
    const confirmed = await ask({
      title: `Delete ${label}?`,
      body: 'Its input and expected output are deleted for good.',
      confirmLabel: 'Delete test',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await deleteTest(slug, test.id);
      setNotice({ tone: 'ok', text: `${label} deleted.` });
      tests.reload();
    } catch (err) {
      setNotice({ tone: 'error', text: `${label} could not be deleted: ${errorMessage(err)}` });
    }
  }

  const items = tests.data ?? [];
  const samples = items.filter((t) => t.kind === 'sample').length;
  const labels = numberTests(items);
  return (
    <section class="panel" aria-labelledby="tests-title" data-testid="tests-panel">
      <header class="panel-header">
        <h2 id="tests-title" class="panel-title">
          Test cases
        </h2>
        <span class="muted" data-testid="test-count">
          {plural(samples, 'sample')}, {plural(items.length - samples, 'hidden test')}
        </span>
        <button type="button" class="button primary" data-testid="test-add" onClick={() => setEditing({ mode: 'add' })}>
          Add test
        </button>
      </header>
      <p class="muted">
        Samples are shown to solvers under the statement. Hidden tests judge submissions and are never shown outside
        this page.
      </p>
      {notice && (
        <p
          class={notice.tone === 'error' ? 'form-error' : 'status-ok'}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="tests-notice"
        >
          {notice.text}
        </p>
      )}
      {tests.status === 'error' && (
        <p class="form-error" role="alert">
          Tests could not be loaded: {tests.error}
        </p>
      )}
      <div aria-busy={tests.status === 'loading' ? 'true' : undefined}>
        {tests.data && items.length === 0 && <p class="muted">No test cases yet.</p>}
        {items.length > 0 && (
          <table class="table tests-table" data-testid="tests-table">
            <thead>
              <tr>
                <th scope="col">Test</th>
                <th scope="col">Input</th>
                <th scope="col">Expected output</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((test) => {
                const label = labels.get(test.id) ?? 'test';
                return (
                  <tr key={test.id} data-testid="test-row" data-kind={test.kind}>
                    <td>
                      <span class={`pill ${test.kind === 'sample' ? 'pill-ok' : 'pill-draft'}`}>{test.kind}</span>
                      <div class="small muted">{label}</div>
                    </td>
                    <td>
                      <TextPreview text={test.input} bytes={test.inputBytes} testId="test-input-preview" />
                    </td>
                    <td>
                      <TextPreview text={test.output} bytes={test.outputBytes} testId="test-output-preview" />
                    </td>
                    <td class="row-actions">
                      <button
                        type="button"
                        class="button small"
                        data-testid="test-edit"
                        aria-label={`Edit ${label}`}
                        onClick={() => onEdit(test)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        class="button small danger-outline"
                        data-testid="test-delete"
                        aria-label={`Delete ${label}`}
                        onClick={() => onDelete(test, label)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      <BulkTestUpload
        slug={slug}
        onUploaded={(added) => {
          setNotice({ tone: 'ok', text: `${plural(added, 'test')} added.` });
          tests.reload();
        }}
      />
      <ReferenceSolution
        slug={slug}
        testCount={items.length}
        interactive={interactive}
        onGenerated={() => tests.reload()}
      />
      {editing && (
        <TestCaseDialog
          slug={slug}
          test={editing.mode === 'edit' ? editing.test : null}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice({ tone: 'ok', text: editing.mode === 'add' ? `Added a ${saved.kind} test.` : 'Test saved.' });
            tests.reload();
          }}
        />
      )}
      {dialog}
    </section>
  );
}

/** "sample 1", "hidden 3": numbered within their kind, in judging order. */
function numberTests(tests: readonly TestCasePreview[]): Map<string, string> {
  const counts = { sample: 0, hidden: 0 };
  return new Map(tests.map((t) => [t.id, `${t.kind} ${++counts[t.kind]}`]));
}

function TextPreview({ text, bytes, testId }: { text: string; bytes: number; testId: string }) {
  const preview = previewText(text);
  return (
    <div class="text-preview">
      <pre data-testid={testId}>
        {preview.text}
        {preview.cut && <span class="muted">…</span>}
      </pre>
      <span class="small muted">{formatBytes(bytes)}</span>
    </div>
  );
}
