// GraphQL over WebSocket (the graphql-transport-ws protocol) with the graphql-ws client. The token travels in
// connection_init's payload as { authorization: "Bearer <token>" }, as the API contract says.
import { createClient, type Client, type ClientOptions } from 'graphql-ws';

/** ws(s)://host/graphql for a page served from http(s)://host. */
export function webSocketUrl(location: { protocol: string; host: string }, path = '/graphql'): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

/** The connection_init payload for a token (empty when signed out: the server then refuses tenant data). */
export function connectionParams(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface SubscriptionClientOptions {
  url: string;
  token: () => string | null;
  webSocketImpl?: ClientOptions['webSocketImpl'];
  /** Reconnection attempts after a connection drops (default 5, with graphql-ws's randomised backoff). */
  retryAttempts?: number;
  on?: ClientOptions['on'];
}

const openClients = new WeakSet<Client>();

/** Whether the client's socket is connected (acknowledged) now: a new subscription on it is live at once. */
export function isConnected(client: Client): boolean {
  return openClients.has(client);
}

/** A lazy client: it connects with the first subscription and closes shortly after the last one ends. */
export function createSubscriptionClient(options: SubscriptionClientOptions): Client {
  const client: Client = createClient({
    url: options.url,
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: options.retryAttempts ?? 5,
    // Read at each (re)connection, so a new sign-in is used after a reconnect.
    connectionParams: () => connectionParams(options.token()),
    webSocketImpl: options.webSocketImpl,
    on: {
      ...options.on,
      connected: (...args) => {
        openClients.add(client);
        options.on?.connected?.(...args);
      },
      closed: (event) => {
        openClients.delete(client);
        options.on?.closed?.(event);
      },
    },
  });
  return client;
}

export interface SubscriptionHandlers<T> {
  next: (data: T) => void;
  error?: (error: Error) => void;
  complete?: () => void;
}

/** Starts one subscription; the returned function ends it. */
export function subscribe<T>(client: Client, query: string, variables: Record<string, unknown> | undefined, handlers: SubscriptionHandlers<T>): () => void {
  return client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) handlers.error?.(new Error(result.errors.map((e) => e.message).join(' ')));
        else if (result.data) handlers.next(result.data as T);
      },
      error: (e) => handlers.error?.(toError(e)),
      complete: () => handlers.complete?.(),
    },
  );
}

function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (typeof CloseEvent !== 'undefined' && e instanceof CloseEvent)
    return new Error(`The live connection closed (${e.code}${e.reason ? `: ${e.reason}` : ''}).`);
  if (Array.isArray(e)) return new Error(e.map((x: { message?: string }) => x.message ?? String(x)).join(' '));
  return new Error('The live connection failed.');
}
