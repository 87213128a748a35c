import { describe, expect, it } from 'vitest';
import { GRAPHQL_INT_MAX, parseWholeNumber } from './numbers';

describe('parseWholeNumber', () => {
  it('reads whole numbers with a sign and spaces around them', () => {
    expect(parseWholeNumber(' 12 ')).toBe(12);
    expect(parseWholeNumber('-3')).toBe(-3);
    expect(parseWholeNumber('+4')).toBe(4);
    expect(parseWholeNumber('0')).toBe(0);
  });

  it('refuses empty text, fractions, exponents and words', () => {
    for (const text of ['', '  ', '1.5', '1e3', 'ten', '1 000', '--1']) expect(parseWholeNumber(text)).toBeNull();
  });

  it("refuses what GraphQL's Int cannot carry", () => {
    expect(parseWholeNumber(String(GRAPHQL_INT_MAX))).toBe(GRAPHQL_INT_MAX);
    expect(parseWholeNumber(String(-GRAPHQL_INT_MAX))).toBe(-GRAPHQL_INT_MAX);
    expect(parseWholeNumber(String(GRAPHQL_INT_MAX + 1))).toBeNull();
    expect(parseWholeNumber('3000000000')).toBeNull();
    expect(parseWholeNumber('99999999999999999999')).toBeNull();
  });
});
