export interface PageInfo {
  page: number;
  pageCount: number;
  /** 1-based index of the first and last item shown; 0 when there are none. */
  first: number;
  last: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** Where a page of a paginated listing stands. A page past the end still reports the real page count. */
export function pageInfo(total: number, page: number, pageSize: number): PageInfo {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const start = (page - 1) * pageSize + 1;
  const past = start > total;
  return {
    page,
    pageCount,
    first: past ? 0 : start,
    last: past ? 0 : Math.min(total, page * pageSize),
    hasPrevious: page > 1,
    hasNext: page < pageCount,
  };
}

/** "21–40 of 57", "No results". */
export function describePage(info: PageInfo, total: number): string {
  if (total === 0) return 'No results';
  if (info.first === 0) return `Page ${info.page} is past the end (${total} in all)`;
  return `${info.first}–${info.last} of ${total}`;
}
