import type { ReactNode } from 'react';
import type { usePaging } from '../app/paging';
import { Pager, type PageInfo } from './Pager';
import { ErrorState, Loading } from './States';

/** The selection every connection query asks for, besides its nodes. */
export const CONNECTION_FIELDS = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** A page of a Relay connection as the queries here ask for it. */
export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: T[];
}

interface ConnectionTableProps<T> {
  /** Plural noun for the states: "products". */
  what: string;
  /** The table's caption (read by screen readers) and the pager's label. */
  caption: string;
  connection: Connection<T> | undefined;
  loading: boolean;
  error: Error | undefined;
  onRetry: () => void;
  paging: ReturnType<typeof usePaging>;
  pageSize: number;
  /** Shown instead of the table when the page has no node. */
  empty: ReactNode;
  /** The header row's cells. */
  columns: ReactNode;
  row: (node: T) => ReactNode;
}

/** Loading, error and empty states, the table, and keyset paging: what every list page shows. */
export function ConnectionTable<T>({ what, caption, connection, loading, error, onRetry, paging, pageSize, empty, columns, row }: ConnectionTableProps<T>) {
  const captionId = `${caption.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-caption`;
  return (
    <>
      {error && <ErrorState title={`The ${what} could not be loaded.`} error={error} onRetry={onRetry} />}
      {!connection && loading && <Loading what={what} />}
      {connection && (
        <section aria-labelledby={captionId} aria-busy={loading}>
          {connection.nodes.length === 0 ? (
            <>
              <h2 id={captionId} className="visually-hidden">
                {caption}
              </h2>
              {empty}
            </>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption id={captionId} className="visually-hidden">
                  {caption}
                </caption>
                <thead>
                  <tr>{columns}</tr>
                </thead>
                <tbody>{connection.nodes.map(row)}</tbody>
              </table>
            </div>
          )}
          <Pager
            label={`${caption} pages`}
            page={paging.page}
            pageSize={pageSize}
            shown={connection.nodes.length}
            totalCount={connection.totalCount}
            hasNext={connection.pageInfo.hasNextPage}
            onPrevious={paging.previous}
            onNext={() => paging.next(connection.pageInfo.endCursor)}
          />
        </section>
      )}
    </>
  );
}
