export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * Keyset paging over a Relay connection: `next` follows pageInfo.endCursor, `previous` goes back to the
 * cursor the current page started after (kept in a stack by usePaging).
 */
export function Pager({ label, page, pageSize, shown, totalCount, hasNext, onPrevious, onNext }: {
  label: string;
  page: number;
  pageSize: number;
  shown: number;
  totalCount: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const from = shown === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = (page - 1) * pageSize + shown;
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager__summary" aria-live="polite">
        {shown === 0 ? `0 of ${totalCount}` : `${from}–${to} of ${totalCount}`}
      </p>
      <div className="pager__buttons">
        <button type="button" className="button" onClick={onPrevious} disabled={page <= 1}>
          Previous
        </button>
        <button type="button" className="button" onClick={onNext} disabled={!hasNext}>
          Next
        </button>
      </div>
    </nav>
  );
}
