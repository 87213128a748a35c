// The signed-in user: the access token from `login`, kept in localStorage and shared with GraphiQL.

export const TOKEN_KEY = 'inventory.accessToken';
export const LAST_TENANT_KEY = 'inventory.lastTenant';

export interface Session {
  token: string;
  tenant: string;
  email: string;
  roles: string[];
  /** When the token stops being accepted; null when it does not say. */
  expiresAt: Date | null;
}

/** Reads the claims of a JWT (no verification: the server does that on every request). */
export function decodeToken(token: string): Session | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = base64UrlDecode(parts[1]!);
    const claims = JSON.parse(json) as Record<string, unknown>;
    const tenant = typeof claims.tenant === 'string' ? claims.tenant : null;
    if (!tenant) return null;
    const role = claims.role;
    const roles = Array.isArray(role) ? role.map(String) : typeof role === 'string' ? [role] : [];
    return {
      token,
      tenant,
      email: typeof claims.email === 'string' ? claims.email : '',
      roles,
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
  } catch {
    return null;
  }
}

export function isExpired(session: Session, now: Date = new Date()): boolean {
  return session.expiresAt !== null && session.expiresAt.getTime() <= now.getTime();
}

/** The stored session, or null when there is none, it cannot be read, or it has expired. */
export function loadSession(storage: Pick<Storage, 'getItem'> = localStorage, now: Date = new Date()): Session | null {
  const token = storage.getItem(TOKEN_KEY);
  if (!token) return null;
  const session = decodeToken(token);
  return session && !isExpired(session, now) ? session : null;
}

export function storeToken(token: string, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(TOKEN_KEY, token);
}

export function clearToken(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  storage.removeItem(TOKEN_KEY);
}

function base64UrlDecode(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
