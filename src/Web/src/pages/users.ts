// Users and API keys: roles, who may manage them, and how keys and users are described.

export const ROLES = ['ADMIN', 'MANAGER', 'CLERK', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, as the schema describes it. */
export const ROLE_HINTS: Record<Role, string> = {
  ADMIN: 'Manages users and API keys, and everything below.',
  MANAGER: 'Configures the catalog and locations, and everything below.',
  CLERK: 'Moves stock, and reads.',
  VIEWER: 'Reads.',
};

/** "ADMIN" → "Admin". */
export function roleLabel(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1).toLowerCase();
}

/** The roles in the schema's order (highest first), each once, whatever their case; unknown ones dropped. */
export function sortRoles(roles: readonly string[]): Role[] {
  const wanted = new Set(roles.map((r) => r.toUpperCase()));
  return ROLES.filter((r) => wanted.has(r));
}

/** The roles with `role` added (checked) or removed (unchecked), in the schema's order. */
export function toggleRole(roles: readonly string[], role: Role, checked: boolean): Role[] {
  const rest = roles.filter((r) => r.toUpperCase() !== role);
  return sortRoles(checked ? [...rest, role] : rest);
}

/** Whether the signed-in caller is an administrator (the token's role claims say `Admin`). */
export function isAdministrator(roles: readonly string[] | undefined): boolean {
  return !!roles && roles.some((r) => r.toUpperCase() === 'ADMIN');
}

/** Whether a failed request was refused for the caller's role (the API answers FORBIDDEN). */
export function isForbidden(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return code === 'FORBIDDEN';
}

/** An API key's state as a word: revoked and expired keys are refused. */
export function apiKeyStatus(key: { revokedAt: string | null; expiresAt?: string | null }, now: Date = new Date()): 'Active' | 'Revoked' | 'Expired' {
  if (key.revokedAt) return 'Revoked';
  return key.expiresAt && new Date(key.expiresAt).getTime() <= now.getTime() ? 'Expired' : 'Active';
}

/** A date and time for the tables, or the fallback when there is none. */
export function formatWhen(iso: string | null | undefined, fallback = 'Never'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? fallback : date.toLocaleString();
}
