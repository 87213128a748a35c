import { describe, expect, it } from 'vitest';
import { parseWholeNumber, reasonMismatch, sameLevel, signed, splitStale, staleExplanation, units } from './stockForms';

describe('parseWholeNumber', () => {
  it('reads whole numbers with a sign and spaces', () => {
    expect(parseWholeNumber(' 12 ')).toBe(12);
    expect(parseWholeNumber('-3')).toBe(-3);
    expect(parseWholeNumber('+4')).toBe(4);
    expect(parseWholeNumber('0')).toBe(0);
  });
  it('refuses empty, fractional and huge input', () => {
    expect(parseWholeNumber('')).toBeNull();
    expect(parseWholeNumber('1.5')).toBeNull();
    expect(parseWholeNumber('1e3')).toBeNull();
    expect(parseWholeNumber('abc')).toBeNull();
    expect(parseWholeNumber('99999999999999999999')).toBeNull();
  });
});

describe('reasonMismatch', () => {
  it('accepts a correction either way and a fitting sign', () => {
    expect(reasonMismatch('CORRECTION', -5)).toBeNull();
    expect(reasonMismatch('CORRECTION', 5)).toBeNull();
    expect(reasonMismatch('DAMAGED', -1)).toBeNull();
    expect(reasonMismatch('RETURNED', 2)).toBeNull();
  });
  it('explains a sign the reason does not allow', () => {
    expect(reasonMismatch('SHRINKAGE', 3)).toMatch(/negative/);
    expect(reasonMismatch('RECEIVED', -3)).toMatch(/positive/);
  });
  it('leaves a missing delta to the other checks', () => {
    expect(reasonMismatch('DAMAGED', null)).toBeNull();
    expect(reasonMismatch('DAMAGED', 0)).toBeNull();
  });
});

describe('splitStale', () => {
  it('takes the STALE error apart from the others', () => {
    const stale = { code: 'STALE', field: 'input.onHand', message: 'On hand is 12, not 10' };
    const other = { code: 'INVALID_NOTE', field: 'input.note', message: 'Too long' };
    expect(splitStale([other, stale])).toEqual({ stale, rest: [other] });
    expect(splitStale([other])).toEqual({ stale: null, rest: [other] });
  });
});

describe('staleExplanation', () => {
  it('says what changed and that nothing was saved', () => {
    const text = staleExplanation(10, 15, 9);
    expect(text).toContain('On hand was 10 when the count started and is 15 now (5 more');
    expect(text).toContain('count of 9 was not saved');
    expect(staleExplanation(10, 7, 9)).toContain('(3 fewer');
  });
});

describe('formatting', () => {
  it('counts units and signs deltas', () => {
    expect(units(1)).toBe('1 unit');
    expect(units(4)).toBe('4 units');
    expect(signed(3)).toBe('+3');
    expect(signed(-3)).toBe('-3');
  });
  it('compares levels case-insensitively', () => {
    expect(sameLevel({ sku: ' ab-1', warehouseCode: 'main' }, { sku: 'AB-1', warehouseCode: 'MAIN ' })).toBe(true);
    expect(sameLevel({ sku: 'AB-1', warehouseCode: 'MAIN' }, { sku: 'AB-2', warehouseCode: 'MAIN' })).toBe(false);
  });
});
