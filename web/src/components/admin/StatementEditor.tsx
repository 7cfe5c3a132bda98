import { MAX_STATEMENT_BYTES, utf8Bytes } from '@codestream/shared';
import { useEffect, useState } from 'preact/hooks';
import { renderMarkdown } from '../../api/problemApi.ts';
import { useDebouncedValue } from '../../hooks/useDebouncedValue.ts';
import { useMathStyles } from '../../hooks/useMathStyles.ts';
import { formatBytes } from '../../lib/format.ts';
import { errorMessage, isAbortError } from '../../lib/http.ts';

type Preview =
  | { state: 'rendering' }
  /** `source`: the Markdown this HTML was rendered from. */
  | { state: 'ready'; html: string; source: string }
  | { state: 'error'; message: string };

/**
 * Markdown on the left, the statement as solvers will see it on the right. The preview
 * is rendered (and sanitised) by the server — the same renderer as the problem page —
 * once typing pauses; a render overtaken by newer text is aborted.
 */
export function StatementEditor({
  value,
  onValue,
  error,
}: {
  value: string;
  onValue(value: string): void;
  error: string | undefined;
}) {
  const settled = useDebouncedValue(value, 300);
  const [preview, setPreview] = useState<Preview>({ state: 'rendering' });
  const bytes = utf8Bytes(value);

  useEffect(() => {
    if (settled.trim() === '') {
      setPreview({ state: 'ready', html: '', source: settled });
      return;
    }
    const controller = new AbortController();
    setPreview((previous) => (previous.state === 'ready' ? previous : { state: 'rendering' }));
    renderMarkdown(settled, controller.signal).then(
      (html) => setPreview({ state: 'ready', html, source: settled }),
      (err: unknown) => {
        if (!isAbortError(err)) setPreview({ state: 'error', message: errorMessage(err) });
      },
    );
    return () => controller.abort();
  }, [settled]);

  useMathStyles(preview.state === 'ready' ? preview.html : '');
  const stale = preview.state !== 'error' && !(preview.state === 'ready' && preview.source === value);
  return (
    <div class="statement-editor">
      <div class="field">
        <label class="field-label" for="problem-form-statement">
          Statement (Markdown)
        </label>
        <textarea
          id="problem-form-statement"
          class="code-input statement-input"
          data-testid="problem-form-statement"
          rows={18}
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby="problem-form-statement-hint"
          placeholder={'# Title\n\nDescribe the task, the input and the output.\n\nMath: $a + b$'}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
        <p id="problem-form-statement-hint" class={error ? 'field-error' : 'field-hint'}>
          {error ??
            `${formatBytes(bytes)} of ${formatBytes(MAX_STATEMENT_BYTES)}. Raw HTML is shown as text. Samples come from the sample tests.`}
        </p>
      </div>
      <div class="field">
        <span class="field-label" id="statement-preview-label">
          Preview{stale ? ' (updating…)' : ''}
        </span>
        <section
          class="statement-preview markdown"
          data-testid="problem-form-preview"
          aria-labelledby="statement-preview-label"
          aria-busy={stale ? 'true' : undefined}
        >
          {preview.state === 'error' ? (
            <p class="form-error" role="alert">
              The preview could not be rendered: {preview.message}
            </p>
          ) : preview.state === 'ready' && preview.html !== '' ? (
            // Rendered and sanitised by the server: the only source of HTML here.
            <div dangerouslySetInnerHTML={{ __html: preview.html }} />
          ) : (
            <p class="muted">{preview.state === 'ready' ? 'Nothing to preview yet.' : 'Rendering…'}</p>
          )}
        </section>
      </div>
    </div>
  );
}
