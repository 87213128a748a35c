import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Client } from 'graphql-ws';
import { createGraphQLClient, type GraphQLRequest } from '../api/graphql';
import { clearToken, loadSession, storeToken, TOKEN_KEY, type Session } from '../api/session';
import { createSubscriptionClient, webSocketUrl } from '../api/subscriptions';

interface SessionValue {
  session: Session | null;
  /** GraphQL over HTTP with the current token. */
  request: GraphQLRequest;
  /** GraphQL over WebSocket with the current token (connects on first use). */
  subscriptions: Client;
  signIn: (token: string) => void;
  signOut: (notice?: string) => void;
  /** Why the user was signed out, shown once on the sign-in page. */
  notice: string | null;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const tokenRef = useRef<string | null>(session?.token ?? null);
  tokenRef.current = session?.token ?? null;

  const signIn = useCallback((token: string) => {
    storeToken(token);
    setNotice(null);
    setSession(loadSession());
  }, []);

  const signOut = useCallback((reason?: string) => {
    clearToken();
    setNotice(reason ?? null);
    setSession(null);
  }, []);

  // Another tab signed in or out.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === TOKEN_KEY || e.key === null) setSession(loadSession());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // Sign out when the token expires while the page is open.
  useEffect(() => {
    if (!session?.expiresAt) return;
    const ms = session.expiresAt.getTime() - Date.now();
    const timer = window.setTimeout(() => signOut('Your session has ended. Sign in again.'), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const request = useMemo(
    () =>
      createGraphQLClient({
        token: () => tokenRef.current,
        onUnauthenticated: () => {
          if (tokenRef.current) signOut('Your session has ended. Sign in again.');
        },
      }),
    [signOut],
  );

  // One WebSocket client per signed-in token: signing out closes its connection.
  const token = session?.token ?? null;
  const subscriptions = useMemo(
    () => createSubscriptionClient({ url: webSocketUrl(window.location), token: () => token }),
    [token],
  );
  useEffect(() => () => void subscriptions.dispose(), [subscriptions]);

  const value = useMemo(
    () => ({ session, request, subscriptions, signIn, signOut, notice }),
    [session, request, subscriptions, signIn, signOut, notice],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
