import { describe, expect, it } from 'vitest';
import { clearToken, decodeToken, loadSession, storeToken, TOKEN_KEY } from './session';

function token(claims: Record<string, unknown>): string {
  const encode = (o: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('decodeToken', () => {
  it('reads tenant, email, roles and expiry from the claims', () => {
    const session = decodeToken(token({ tenant: 'acme', email: 'a@acme.test', role: ['Admin', 'Clerk'], exp: 2_000_000_000 }));
    expect(session).toMatchObject({ tenant: 'acme', email: 'a@acme.test', roles: ['Admin', 'Clerk'] });
    expect(session?.expiresAt?.toISOString()).toBe('2033-05-18T03:33:20.000Z');
  });

  it('accepts a single role and non-ASCII emails', () => {
    expect(decodeToken(token({ tenant: 't', email: 'zoë@example.test', role: 'Viewer' }))).toMatchObject({ email: 'zoë@example.test', roles: ['Viewer'], expiresAt: null });
  });

  it('refuses what is not a tenant token', () => {
    expect(decodeToken('nonsense')).toBeNull();
    expect(decodeToken('a.b.c')).toBeNull();
    expect(decodeToken(token({ email: 'no-tenant@x.test' }))).toBeNull();
  });
});

describe('loadSession', () => {
  it('keeps a valid token and drops an expired one', () => {
    const storage = memoryStorage();
    const now = new Date('2030-01-01T00:00:00Z');
    storeToken(token({ tenant: 'acme', exp: now.getTime() / 1000 + 60 }), storage);
    expect(loadSession(storage, now)?.tenant).toBe('acme');
    expect(loadSession(storage, new Date(now.getTime() + 61_000))).toBeNull();
    clearToken(storage);
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    expect(loadSession(storage, now)).toBeNull();
  });
});
