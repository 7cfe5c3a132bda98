/** Error (with Retry) and empty states of a submission list. */
export function SubmissionsState({
  resource,
  empty,
}: {
  resource: { status: string; data: readonly unknown[] | null; error: string | null; reload(): void };
  empty: string;
}) {
  return (
    <>
      {resource.status === 'error' && (
        <p class="form-error" role="alert">
          The submissions could not be loaded: {resource.error}{' '}
          <button type="button" class="button small" onClick={resource.reload}>
            Retry
          </button>
        </p>
      )}
      {resource.data?.length === 0 && (
        <p class="muted" data-testid="submissions-empty">
          {empty}
        </p>
      )}
    </>
  );
}
