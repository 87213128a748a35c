import { describe, expect, it } from 'vitest';
import {
  applyStatusChange,
  linesSummary,
  newerOrder,
  orderActions,
  rejectionLabel,
  rememberStatusChange,
  skuLookup,
  skuLookupErrors,
  statusLabel,
  type OrderStatusChange,
  type VersionedOrder,
} from './orders';

const change = (id: string, version: number, status: OrderStatusChange['status'] = 'RESERVED'): OrderStatusChange => ({
  id,
  status,
  customerReference: 'c-1',
  reason: null,
  version,
  changedAt: '2026-01-01T00:00:00Z',
});

describe('orderActions', () => {
  it('offers only the moves the status allows', () => {
    expect(orderActions('PENDING')).toEqual(['cancel']);
    expect(orderActions('RESERVED')).toEqual(['confirm', 'cancel']);
    expect(orderActions('CONFIRMED')).toEqual(['ship', 'cancel']);
    expect(orderActions('REJECTED')).toEqual([]);
    expect(orderActions('SHIPPED')).toEqual([]);
    expect(orderActions('CANCELLED')).toEqual([]);
  });
});

describe('statusLabel and rejectionLabel', () => {
  it('turns constants into words', () => {
    expect(statusLabel('PARTIALLY_RECEIVED')).toBe('Partially received');
    expect(statusLabel('PENDING')).toBe('Pending');
    expect(rejectionLabel('INSUFFICIENT_STOCK')).toBe('Insufficient stock');
    expect(rejectionLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});

describe('linesSummary', () => {
  it('counts lines and units and names the first SKUs', () => {
    expect(linesSummary([{ sku: 'A', quantity: 1 }])).toBe('1 line · 1 unit: A × 1');
    expect(
      linesSummary([
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 3 },
        { sku: 'C', quantity: 5 },
      ]),
    ).toBe('3 lines · 10 units: A × 2, B × 3, …');
    expect(linesSummary([])).toBe('0 lines · 0 units');
  });
});

describe('applyStatusChange', () => {
  const row: VersionedOrder = { id: 'o1', status: 'PENDING', version: 1 };
  it('takes a newer change of the same order', () => {
    expect(applyStatusChange(row, change('o1', 2))).toEqual({ id: 'o1', status: 'RESERVED', version: 2 });
  });
  it('ignores older or equal versions, other orders and no change', () => {
    expect(applyStatusChange({ ...row, version: 3 }, change('o1', 2))).toEqual({ ...row, version: 3 });
    expect(applyStatusChange(row, change('o1', 1))).toBe(row);
    expect(applyStatusChange(row, change('o2', 5))).toBe(row);
    expect(applyStatusChange(row, undefined)).toBe(row);
  });
});

describe('rememberStatusChange', () => {
  it('keeps the newest change per order', () => {
    let map = rememberStatusChange(new Map(), change('o1', 2));
    map = rememberStatusChange(map, change('o1', 4, 'CONFIRMED'));
    const same = rememberStatusChange(map, change('o1', 3, 'RESERVED'));
    expect(same).toBe(map);
    expect(map.get('o1')?.status).toBe('CONFIRMED');
  });
  it('forgets the oldest orders beyond the limit', () => {
    let map: ReadonlyMap<string, OrderStatusChange> = new Map();
    for (let i = 0; i < 5; i++) map = rememberStatusChange(map, change(`o${i}`, 2), 3);
    expect([...map.keys()]).toEqual(['o2', 'o3', 'o4']);
    // A newer change of a kept order makes it the most recent.
    map = rememberStatusChange(map, change('o2', 3), 3);
    map = rememberStatusChange(map, change('o5', 2), 3);
    expect([...map.keys()]).toEqual(['o4', 'o2', 'o5']);
  });
});

describe('newerOrder', () => {
  it('answers the higher version, or whichever exists', () => {
    const a = { version: 2, status: 'RESERVED' };
    const b = { version: 3, status: 'CONFIRMED' };
    expect(newerOrder(a, b)).toBe(b);
    expect(newerOrder(b, a)).toBe(b);
    expect(newerOrder(undefined, a)).toBe(a);
    expect(newerOrder(a, null)).toBe(a);
    expect(newerOrder(undefined, undefined)).toBeUndefined();
  });
});

describe('skuLookup', () => {
  it('asks once per distinct SKU, ignoring case and blanks', () => {
    const { query, variables, aliases } = skuLookup(['sku-1', ' SKU-1 ', '', 'B']);
    expect(query).toBe('query OrderSkus($s0: String!, $s1: String!) { p0: product(sku: $s0) { sku status } p1: product(sku: $s1) { sku status } }');
    expect(variables).toEqual({ s0: 'sku-1', s1: 'B' });
    expect(aliases.get('SKU-1')).toBe('p0');
    expect(skuLookup(['', ' ']).query).toBe('');
  });
  it('names unknown and discontinued SKUs by line', () => {
    const skus = ['A', 'b', 'C', ''];
    const { aliases } = skuLookup(skus);
    const errors = skuLookupErrors(skus, aliases, { p0: { sku: 'A', status: 'ACTIVE' }, p1: null, p2: { sku: 'C', status: 'DISCONTINUED' } });
    expect(errors).toEqual({ 1: { sku: ['No product has this SKU.'] }, 2: { sku: ['This product is discontinued.'] } });
  });
});
