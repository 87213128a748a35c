// GraphQL over HTTP: POST /graphql with the bearer token, answers read as application/graphql-response+json.

/** An expected failure of a mutation (validation, not found, conflict...), as every payload carries them. */
export interface UserError {
  code: string;
  /** Path of the input field, e.g. `input.sku`; null when the error concerns no one field. */
  field: string | null;
  message: string;
}

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The request failed: transport error, HTTP error, or GraphQL errors in the answer. */
export class GraphQLRequestError extends Error {
  readonly errors: GraphQLErrorEntry[];
  readonly status: number | undefined;

  constructor(message: string, errors: GraphQLErrorEntry[] = [], status?: number) {
    super(message);
    this.name = 'GraphQLRequestError';
    this.errors = errors;
    this.status = status;
  }

  /** The first error code the server gave (`UNAUTHENTICATED`, `FORBIDDEN`, `COMPLEXITY`...). */
  get code(): string | undefined {
    return this.errors.find((e) => e.extensions?.code)?.extensions?.code;
  }

  /** The caller has no valid token: signing in again is the way out. */
  get unauthenticated(): boolean {
    return this.status === 401 || this.code === 'UNAUTHENTICATED';
  }
}

export interface GraphQLClientOptions {
  /** Default `/graphql` (same origin as the page). */
  url?: string;
  /** Read on every request, so a new sign-in takes effect at once. */
  token: () => string | null;
  /** Called when the server refuses the token (HTTP 401 or UNAUTHENTICATED); the request still fails. */
  onUnauthenticated?: () => void;
  fetch?: typeof fetch;
}

export type GraphQLRequest = <TData, TVariables extends object = Record<string, unknown>>(
  query: string,
  variables?: TVariables,
  signal?: AbortSignal,
) => Promise<TData>;

export const GRAPHQL_RESPONSE = 'application/graphql-response+json';

export function createGraphQLClient(options: GraphQLClientOptions): GraphQLRequest {
  const url = options.url ?? '/graphql';
  return async function request<TData, TVariables extends object>(query: string, variables?: TVariables, signal?: AbortSignal) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: `${GRAPHQL_RESPONSE}, application/json;q=0.9`,
    };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables: variables ?? {} }),
        signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new GraphQLRequestError('The server could not be reached. Check your connection and try again.');
    }

    let body: { data?: TData | null; errors?: GraphQLErrorEntry[] } | undefined;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const errors = body?.errors ?? [];
    const failure = describeFailure(response.status, errors);
    if (failure) {
      const error = new GraphQLRequestError(failure, errors, response.status);
      if (error.unauthenticated) options.onUnauthenticated?.();
      throw error;
    }
    if (body?.data == null) throw new GraphQLRequestError(`The server answered ${response.status} without data.`, [], response.status);
    return body.data;
  };
}

function describeFailure(status: number, errors: GraphQLErrorEntry[]): string | null {
  if (errors.length > 0) {
    const first = errors[0]!;
    const code = first.extensions?.code;
    if (status === 401 || code === 'UNAUTHENTICATED') return 'Your session has ended. Sign in again.';
    if (code === 'FORBIDDEN') return `Not allowed: ${first.message}`;
    return errors.map((e) => e.message).join(' ');
  }
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status >= 400) return `The server answered ${status}.`;
  return null;
}

/** `input.sku` → `sku`, `input.lines[0].quantity` → `lines[0].quantity`; null stays null. */
export function fieldName(path: string | null | undefined): string | null {
  if (!path) return null;
  return path.startsWith('input.') ? path.slice('input.'.length) : path;
}

export interface FieldErrors {
  /** Messages per form field (by its name without `input.`). */
  byField: Record<string, string[]>;
  /** Messages that belong to no field of the form: shown above it, never dropped. */
  general: string[];
}

export const noFieldErrors: FieldErrors = { byField: {}, general: [] };

/** Sorts userErrors onto the form's fields; any error whose field the form does not show is general. */
export function groupUserErrors(userErrors: readonly UserError[], formFields: readonly string[]): FieldErrors {
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const error of userErrors) {
    const name = fieldName(error.field);
    if (name !== null && formFields.includes(name)) (byField[name] ??= []).push(error.message);
    else general.push(error.message);
  }
  return { byField, general };
}

/** Adds `Authorization: Bearer <token>` unless the request already has an Authorization header. */
export function withBearer(init: RequestInit | undefined, token: string | null): RequestInit {
  const headers = new Headers(init?.headers);
  if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}
