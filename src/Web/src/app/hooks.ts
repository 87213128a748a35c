import { useCallback, useEffect, useRef, useState } from 'react';
import { subscribe } from '../api/subscriptions';
import { useSession } from './session';

export interface QueryState<T> {
  /** The last answer; kept while a new one loads, so lists do not flicker. */
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  refetch: () => void;
}

/** Runs a query now and whenever its variables change; a newer request cancels the older one. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, skip = false): QueryState<T> {
  const { request } = useSession();
  const key = JSON.stringify(variables);
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: !skip });

  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    request<T>(query, JSON.parse(key) as Record<string, unknown>, controller.signal).then(
      (data) => setState({ data, loading: false }),
      (error: Error) => {
        if (!controller.signal.aborted) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [request, query, key, nonce, skip]);

  const refetch = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, refetch };
}

export type LiveStatus = 'connecting' | 'live' | 'unavailable';

/** A subscription for the page's lifetime; `onData` gets every event. */
export function useSubscription<T>(query: string, variables: Record<string, unknown> | undefined, onData: (data: T) => void): { status: LiveStatus; error: string | null } {
  const { subscriptions } = useSession();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [error, setError] = useState<string | null>(null);
  const handler = useRef(onData);
  handler.current = onData;
  const key = JSON.stringify(variables ?? {});

  useEffect(() => {
    setStatus('connecting');
    setError(null);
    const offConnected = subscriptions.on('connected', () => setStatus('live'));
    const stop = subscribe<T>(subscriptions, query, JSON.parse(key) as Record<string, unknown>, {
      next: (data) => {
        setStatus('live');
        handler.current(data);
      },
      error: (e) => {
        setStatus('unavailable');
        setError(e.message);
      },
    });
    return () => {
      offConnected();
      stop();
    };
  }, [subscriptions, query, key]);

  return { status, error };
}

/** Sets the document title for the page. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Inventory`;
  }, [title]);
}
