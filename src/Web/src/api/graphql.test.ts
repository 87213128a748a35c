import { describe, expect, it, vi } from 'vitest';
import { createGraphQLClient, fieldName, GraphQLRequestError, groupUserErrors, withBearer } from './graphql';

function respond(status: number, body: unknown): typeof fetch {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/graphql-response+json' } })) as unknown as typeof fetch;
}

describe('createGraphQLClient', () => {
  it('posts the query and variables with the bearer token and returns data', async () => {
    const fetchFn = respond(200, { data: { products: { totalCount: 3 } } });
    const request = createGraphQLClient({ token: () => 'abc', fetch: fetchFn });

    const data = await request<{ products: { totalCount: number } }>('{ products { totalCount } }', { first: 2 });

    expect(data.products.totalCount).toBe(3);
    const [url, init] = (fetchFn as unknown as ReturnType<typeof vi.fn>).mock.calls[0]!;
    expect(url).toBe('/graphql');
    expect(init.method).toBe('POST');
    expect(init.headers.authorization).toBe('Bearer abc');
    expect(init.headers.accept).toContain('application/graphql-response+json');
    expect(JSON.parse(init.body)).toEqual({ query: '{ products { totalCount } }', variables: { first: 2 } });
  });

  it('sends no Authorization header when signed out', async () => {
    const fetchFn = respond(200, { data: { __typename: 'Query' } });
    await createGraphQLClient({ token: () => null, fetch: fetchFn })('{ __typename }');
    const init = (fetchFn as unknown as ReturnType<typeof vi.fn>).mock.calls[0]![1];
    expect(init.headers.authorization).toBeUndefined();
  });

  it('turns GraphQL errors into a GraphQLRequestError with their code', async () => {
    const request = createGraphQLClient({ token: () => 't', fetch: respond(200, { data: null, errors: [{ message: 'Too deep', extensions: { code: 'COMPLEXITY' } }] }) });
    const error = await request('{ x }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).code).toBe('COMPLEXITY');
    expect((error as GraphQLRequestError).message).toBe('Too deep');
  });

  it('reports a refused token (401) to onUnauthenticated', async () => {
    const onUnauthenticated = vi.fn();
    const request = createGraphQLClient({
      token: () => 'expired',
      onUnauthenticated,
      fetch: respond(401, { errors: [{ message: 'The access token is not valid.', extensions: { code: 'UNAUTHENTICATED' } }] }),
    });
    const error = (await request('{ x }').catch((e: unknown) => e)) as GraphQLRequestError;
    expect(error.unauthenticated).toBe(true);
    expect(error.message).toBe('Your session has ended. Sign in again.');
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('says the server could not be reached when fetch fails', async () => {
    const request = createGraphQLClient({ token: () => null, fetch: vi.fn(async () => Promise.reject(new TypeError('network'))) as unknown as typeof fetch });
    await expect(request('{ x }')).rejects.toThrow('could not be reached');
  });
});

describe('userErrors', () => {
  it('strips the input. prefix of a field path', () => {
    expect(fieldName('input.sku')).toBe('sku');
    expect(fieldName('input.lines[0].quantity')).toBe('lines[0].quantity');
    expect(fieldName('id')).toBe('id');
    expect(fieldName(null)).toBeNull();
  });

  it('puts each error on its field, and errors of no shown field in general', () => {
    const grouped = groupUserErrors(
      [
        { code: 'SKU_TAKEN', field: 'input.sku', message: 'taken' },
        { code: 'VALIDATION', field: 'input.sku', message: 'too long' },
        { code: 'VALIDATION', field: 'input.name', message: 'required' },
        { code: 'VERSION_CONFLICT', field: 'input.expectedVersion', message: 'changed meanwhile' },
        { code: 'NOT_FOUND', field: null, message: 'gone' },
      ],
      ['sku', 'name'],
    );
    expect(grouped.byField).toEqual({ sku: ['taken', 'too long'], name: ['required'] });
    expect(grouped.general).toEqual(['changed meanwhile', 'gone']);
  });
});

describe('withBearer', () => {
  it('adds the token unless an Authorization header is already set', () => {
    expect(new Headers(withBearer({ headers: { 'content-type': 'application/json' } }, 't1').headers).get('authorization')).toBe('Bearer t1');
    expect(new Headers(withBearer({ headers: { Authorization: 'Bearer mine' } }, 't1').headers).get('authorization')).toBe('Bearer mine');
    expect(new Headers(withBearer(undefined, null).headers).has('authorization')).toBe(false);
  });
});
