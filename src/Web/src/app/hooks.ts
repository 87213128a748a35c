import { useCallback, useEffect, useRef, useState } from 'react';
import { isConnected, subscribe } from '../api/subscriptions';
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

export interface SubscriptionOptions {
  /** Do not subscribe (yet), e.g. while the variables are not known. */
  skip?: boolean;
  /**
   * Called when the connection comes back after a drop: delivery is at most once, so what the page shows may
   * have missed events and should be read again.
   */
  onReconnected?: () => void;
}

/** A subscription for the page's lifetime; `onData` gets every event. */
export function useSubscription<T>(
  query: string,
  variables: Record<string, unknown> | undefined,
  onData: (data: T) => void,
  options: SubscriptionOptions = {},
): { status: LiveStatus; error: string | null } {
  const { subscriptions } = useSession();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [error, setError] = useState<string | null>(null);
  const handler = useRef(onData);
  handler.current = onData;
  const reconnected = useRef(options.onReconnected);
  reconnected.current = options.onReconnected;
  const key = JSON.stringify(variables ?? {});
  const skip = options.skip ?? false;

  useEffect(() => {
    if (skip) return;
    setStatus(isConnected(subscriptions) ? 'live' : 'connecting');
    setError(null);
    let connections = isConnected(subscriptions) ? 1 : 0;
    const offConnected = subscriptions.on('connected', () => {
      connections += 1;
      setStatus('live');
      if (connections > 1) reconnected.current?.();
    });
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
  }, [subscriptions, query, key, skip]);

  return { status, error };
}

/** Sets the document title for the page. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Inventory`;
  }, [title]);
}
