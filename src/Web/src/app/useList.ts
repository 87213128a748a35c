import type { Connection } from '../components/ConnectionTable';
import { useQuery } from './hooks';
import type { usePaging } from './paging';

/**
 * One page of a list: the connection `field` of `query`, asked for with `first` and `after` (from `paging`) besides
 * `variables`. `table` is what ConnectionTable needs to show it: the page, its loading and error states, and the
 * pager.
 */
export function useList<T>(query: string, field: string, paging: ReturnType<typeof usePaging>, pageSize: number, variables: Record<string, unknown> = {}) {
  const { data, error, loading, refetch } = useQuery<Record<string, Connection<T>>>(query, { first: pageSize, after: paging.after, ...variables });
  const connection = data?.[field];
  return { connection, error, refetch, table: { connection, loading, error, onRetry: refetch, paging, pageSize } };
}
