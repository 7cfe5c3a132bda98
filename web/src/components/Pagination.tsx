import { describePage, pageInfo } from '../lib/pagination.ts';

/** Previous / next page buttons with "21–40 of 57" between them. */
export function Pagination({
  total,
  page,
  pageSize,
  onPage,
  label,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  label: string;
}) {
  const info = pageInfo(total, page, pageSize);
  return (
    <nav class="pagination" aria-label={label}>
      <button
        type="button"
        class="button small"
        data-testid="page-prev"
        disabled={!info.hasPrevious}
        onClick={() => onPage(Math.min(page - 1, info.pageCount))}
      >
        ← Previous
      </button>
      <span class="muted" data-testid="page-info" aria-live="polite">
        {describePage(info, total)}
        {info.pageCount > 1 && ` · page ${page} of ${info.pageCount}`}
      </span>
      <button
        type="button"
        class="button small"
        data-testid="page-next"
        disabled={!info.hasNext}
        onClick={() => onPage(page + 1)}
      >
        Next →
      </button>
    </nav>
  );
}
