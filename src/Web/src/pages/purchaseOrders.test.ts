import { describe, expect, it } from 'vitest';
import { buildReceipt, expectedAtFromDate, isOpen, receiptDrafts, receiptErrors, receivedSummary, type PurchaseOrderLine } from './purchaseOrders';

const lines: PurchaseOrderLine[] = [
  { lineNumber: 1, sku: 'A', quantity: 10, received: 4, remaining: 6 },
  { lineNumber: 2, sku: 'B', quantity: 5, received: 5, remaining: 0 },
  { lineNumber: 3, sku: 'C', quantity: 8, received: 0, remaining: 8 },
];

describe('purchase order receipts', () => {
  it('pre-fills what is outstanding per line', () => {
    expect(receiptDrafts(lines)).toEqual({ 1: '6', 2: '0', 3: '8' });
  });

  it('sends lines above zero and remembers where they came from', () => {
    const r = buildReceipt(lines, { 1: '6', 2: '0', 3: ' 3 ' });
    expect(r.lines).toEqual([
      { sku: 'A', quantity: 6 },
      { sku: 'C', quantity: 3 },
    ]);
    expect(r.sent).toEqual([1, 3]);
    expect(r.errors).toEqual({});
    expect(r.empty).toBe(false);
  });

  it('refuses what is not a whole number of zero or more, and an empty receipt', () => {
    const r = buildReceipt(lines, { 1: '2.5', 2: '', 3: '-1' });
    expect(r.errors).toEqual({ 1: ['Enter a whole number (0 to receive none).'], 3: ['Enter a whole number (0 to receive none).'] });
    expect(r.empty).toBe(false);
    expect(buildReceipt(lines, { 1: '0', 2: '0', 3: '' }).empty).toBe(true);
  });

  it('maps the API errors back to line numbers', () => {
    const { byLine, rest } = receiptErrors(
      [
        { code: 'OVER_RECEIPT', field: 'lines[1].quantity', message: 'C: 8 still expected, 9 received.' },
        { code: 'NOT_FOUND', field: 'id', message: 'No such purchase order.' },
        { code: 'X', field: 'lines[5].quantity', message: 'Stray.' },
      ],
      [1, 3],
    );
    expect(byLine).toEqual({ 3: ['C: 8 still expected, 9 received.'] });
    expect(rest.map((e) => e.message)).toEqual(['No such purchase order.', 'Stray.']);
  });
});

describe('purchase order helpers', () => {
  it('knows which statuses still expect stock', () => {
    expect(isOpen('OPEN')).toBe(true);
    expect(isOpen('PARTIALLY_RECEIVED')).toBe(true);
    expect(isOpen('RECEIVED')).toBe(false);
    expect(isOpen('CLOSED')).toBe(false);
  });
  it('turns a date input into expectedAt', () => {
    expect(expectedAtFromDate('2026-12-01')).toBe('2026-12-01T00:00:00Z');
    expect(expectedAtFromDate('')).toBeNull();
    expect(expectedAtFromDate('soon')).toBeNull();
  });
  it('sums received of ordered', () => {
    expect(receivedSummary(lines)).toBe('9 of 23');
  });
});
