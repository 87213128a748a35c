import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '../api/graphql';
import { apiKeyStatus, formatWhen, isAdministrator, isForbidden, roleLabel, sortRoles, toggleRole } from './users';

describe('roles', () => {
  it('labels a role in sentence case', () => {
    expect(roleLabel('ADMIN')).toBe('Admin');
    expect(roleLabel('viewer')).toBe('Viewer');
  });

  it('sorts roles highest first, once each, dropping unknown ones', () => {
    expect(sortRoles(['VIEWER', 'admin', 'CLERK', 'Admin', 'OPERATOR'])).toEqual(['ADMIN', 'CLERK', 'VIEWER']);
    expect(sortRoles([])).toEqual([]);
  });

  it('adds and removes a role', () => {
    expect(toggleRole(['CLERK'], 'ADMIN', true)).toEqual(['ADMIN', 'CLERK']);
    expect(toggleRole(['ADMIN', 'CLERK'], 'ADMIN', false)).toEqual(['CLERK']);
    expect(toggleRole(['CLERK'], 'CLERK', true)).toEqual(['CLERK']);
    expect(toggleRole(['CLERK'], 'VIEWER', false)).toEqual(['CLERK']);
  });

  it('knows an administrator by the token role claims, whatever their case', () => {
    expect(isAdministrator(['Admin'])).toBe(true);
    expect(isAdministrator(['Clerk', 'ADMIN'])).toBe(true);
    expect(isAdministrator(['Manager'])).toBe(false);
    expect(isAdministrator([])).toBe(false);
    expect(isAdministrator(undefined)).toBe(false);
  });
});

describe('refusals', () => {
  it('recognises a FORBIDDEN answer and nothing else', () => {
    const forbidden = new GraphQLRequestError('Not allowed', [{ message: 'no', extensions: { code: 'FORBIDDEN' } }], 200);
    const other = new GraphQLRequestError('Boom', [{ message: 'boom', extensions: { code: 'INTERNAL' } }], 500);
    expect(isForbidden(forbidden)).toBe(true);
    expect(isForbidden(other)).toBe(false);
    expect(isForbidden(new Error('plain'))).toBe(false);
    expect(isForbidden(undefined)).toBe(false);
  });
});

describe('api keys and dates', () => {
  it('describes a key as active until revoked', () => {
    expect(apiKeyStatus({ revokedAt: null })).toBe('Active');
    expect(apiKeyStatus({ revokedAt: '2026-01-01T00:00:00Z' })).toBe('Revoked');
    const now = new Date('2026-06-01T00:00:00Z');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: '2026-05-31T23:59:59Z' }, now)).toBe('Expired');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: '2026-06-01T00:00:01Z' }, now)).toBe('Active');
    expect(apiKeyStatus({ revokedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-05-31T23:59:59Z' }, now)).toBe('Revoked');
  });

  it('formats a missing or bad date as the fallback', () => {
    expect(formatWhen(null)).toBe('Never');
    expect(formatWhen(undefined, '—')).toBe('—');
    expect(formatWhen('not a date')).toBe('Never');
    expect(formatWhen('2026-01-02T03:04:05Z')).not.toBe('Never');
  });
});
