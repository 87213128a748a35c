import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, suggestSlug } from './signup';

describe('suggestSlug', () => {
  it('makes a valid slug from a company name', () => {
    expect(suggestSlug('Acme Ltd.')).toBe('acme-ltd');
    expect(suggestSlug('  Crème Brûlée & Co  ')).toBe('creme-brulee-co');
    expect(suggestSlug('42 Widgets')).toBe('widgets');
    expect(SLUG_PATTERN.test(suggestSlug('Acme Ltd.'))).toBe(true);
  });

  it('keeps to 40 characters', () => {
    expect(suggestSlug('a'.repeat(60)).length).toBe(40);
  });
});

describe('SLUG_PATTERN', () => {
  it('follows onboardTenant: 3-40 lower-case letters, digits and -, starting with a letter', () => {
    expect(SLUG_PATTERN.test('acme')).toBe(true);
    expect(SLUG_PATTERN.test('ab')).toBe(false);
    expect(SLUG_PATTERN.test('1acme')).toBe(false);
    expect(SLUG_PATTERN.test('Acme')).toBe(false);
  });
});
