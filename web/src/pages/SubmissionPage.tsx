import { findLanguageInfo } from '@codestream/shared';
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getSubmission, type SubmissionDetail } from '../api/submissionApi.ts';
import type { CodeViewerProps } from '../components/CodeViewer.tsx';
import { languageOptionLabel } from '../components/LanguagePicker.tsx';
import { PageFrame } from '../components/PageFrame.tsx';
import { SubmissionResults } from '../components/SubmissionResults.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useResource } from '../hooks/useResource.ts';
import { formatDateTime } from '../lib/format.ts';
import { problemPath, roomPath } from '../lib/route.ts';
import { isSubmissionFinished } from '../lib/submissionState.ts';
import { overallVerdictInfo } from '../lib/verdicts.ts';
import { useSession } from '../session/SessionContext.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

// CodeMirror is loaded only when a page shows code; the plain text shows meanwhile.
let codeViewerModule: Promise<ComponentType<CodeViewerProps>> | undefined;
function useCodeViewer(): ComponentType<CodeViewerProps> | null {
  const [viewer, setViewer] = useState<ComponentType<CodeViewerProps> | null>(null);
  useEffect(() => {
    let current = true;
    codeViewerModule ??= import('../components/CodeViewer.tsx').then((m) => m.CodeViewer);
    codeViewerModule.then(
      (component) => current && setViewer(() => component),
      (err: unknown) => console.warn('The code viewer could not be loaded; showing plain text', err),
    );
    return () => {
      current = false;
    };
  }, []);
  return viewer;
}

/** `/submissions/:id`: one submission's code and per-test results (its submitter, room, and authors). */
export function SubmissionPage({ id }: { id: string }) {
  const { me } = useSession();
  const identity = me?.user?.id ?? me?.guest?.name ?? null;
  const submission = useResource((signal) => getSubmission(id, signal), [id, identity]);
  const detail = submission.data;
  useDocumentTitle(
    detail
      ? `${detail.verdict ? overallVerdictInfo({ verdict: detail.verdict, stopped: detail.stopped }).label : 'Judging'} — ${detail.problemSlug}`
      : 'Submission',
  );

  if (submission.status === 'error' && !detail) {
    return submission.errorStatus === 404 ? (
      <NotFoundPage what="submission" />
    ) : (
      <PageFrame>
        <p class="form-error" role="alert">
          The submission could not be loaded: {submission.error}{' '}
          <button type="button" class="button small" onClick={submission.reload}>
            Retry
          </button>
        </p>
      </PageFrame>
    );
  }
  if (!detail) {
    return (
      <PageFrame>
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      </PageFrame>
    );
  }
  return (
    <PageFrame wide>
      <SubmissionView detail={detail} signedIn={Boolean(me?.user)} onReload={submission.reload} />
    </PageFrame>
  );
}

function SubmissionView({
  detail,
  signedIn,
  onReload,
}: {
  detail: SubmissionDetail;
  signedIn: boolean;
  onReload(): void;
}) {
  const CodeViewer = useCodeViewer();
  const language = findLanguageInfo(detail.language);
  const languageLabel = language ? languageOptionLabel(language) : detail.language;
  const finished = isSubmissionFinished(detail.view);
  return (
    <article class="submission-page" data-testid="submission-page" data-submission-id={detail.id}>
      <header class="page-header">
        <div>
          {signedIn && (
            <p class="breadcrumbs">
              <a href="/submissions">My submissions</a> <span aria-hidden="true">/</span>{' '}
              <span class="mono">{detail.id.slice(0, 8)}</span>
            </p>
          )}
          <h1>
            Submission to{' '}
            {signedIn ? (
              <a href={problemPath(detail.problemSlug)} data-testid="submission-problem">
                {detail.problemSlug}
              </a>
            ) : (
              <span data-testid="submission-problem">{detail.problemSlug}</span>
            )}
          </h1>
          <p class="muted submission-facts">
            By <strong data-testid="submission-by">{detail.submittedBy}</strong> · {languageLabel} ·{' '}
            {formatDateTime(detail.requestedAt)} · <a href={roomPath(detail.roomId)}>its room</a>
          </p>
        </div>
        {!finished && (
          <button type="button" class="button" onClick={onReload} data-testid="submission-reload">
            Refresh
          </button>
        )}
      </header>
      <div class="submission-grid">
        <section class="panel submission-code-panel" aria-labelledby="submission-code-title">
          <h2 id="submission-code-title" class="panel-title">
            Code
          </h2>
          <div class="code-frame">
            {CodeViewer ? (
              <CodeViewer code={detail.code} language={detail.language} label={`Submitted code (${languageLabel})`} />
            ) : (
              <pre class="code-fallback" data-testid="submission-code">
                {detail.code}
              </pre>
            )}
          </div>
        </section>
        <section class="panel submission-results" aria-labelledby="submission-results-title">
          <h2 id="submission-results-title" class="panel-title">
            Results
          </h2>
          {!finished && <p class="muted">Still being judged when this page was loaded.</p>}
          <SubmissionResults submission={detail.view} progressWhenFinished={false} />
        </section>
      </div>
    </article>
  );
}
