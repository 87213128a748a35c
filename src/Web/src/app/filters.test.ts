import { describe, expect, it } from 'vitest';
import { filterInput, isFiltered, trimFilters } from './filters';

describe('trimFilters', () => {
  it('trims text and keeps selects and checkboxes', () => {
    expect(trimFilters({ sku: '  SKU-1 ', status: 'HELD', below: true })).toEqual({ sku: 'SKU-1', status: 'HELD', below: true });
  });
});

describe('filterInput', () => {
  it('keeps only the filters that are set', () => {
    expect(filterInput({ sku: 'SKU-1', warehouseCode: '', belowReorderPoint: false })).toEqual({ sku: 'SKU-1' });
    expect(filterInput({ status: 'HELD', reference: 'cart:1', belowReorderPoint: true })).toEqual({ status: 'HELD', reference: 'cart:1', belowReorderPoint: true });
    expect(filterInput({ status: '', reference: '' })).toEqual({});
  });
});

describe('isFiltered', () => {
  it('is true when any filter is set', () => {
    expect(isFiltered({ sku: '', status: '', below: false })).toBe(false);
    expect(isFiltered({ sku: '', status: 'HELD' })).toBe(true);
    expect(isFiltered({ sku: '', below: true })).toBe(true);
  });
});
