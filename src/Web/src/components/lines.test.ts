import { describe, expect, it } from 'vitest';
import { ALL_LINES, parseLines, splitLineErrors } from './lines';

describe('splitLineErrors', () => {
  it('puts each error under its line and part, with or without input., and keeps the rest', () => {
    const { lines, rest } = splitLineErrors([
      { code: 'INVALID_QUANTITY', field: 'lines[1].quantity', message: 'q' },
      { code: 'UNKNOWN_SKU', field: 'input.lines[0].sku', message: 's' },
      { code: 'UNKNOWN_SKU', field: 'input.lines[2]', message: 'l' },
      { code: 'UNKNOWN_WAREHOUSE', field: 'input.lines[2].warehouseCode', message: 'w' },
      { code: 'VALIDATION', field: 'input.supplier', message: 'sup' },
      { code: 'INSUFFICIENT_STOCK', field: null, message: 'none' },
    ]);
    expect(lines).toEqual({ 0: { sku: ['s'] }, 1: { quantity: ['q'] }, 2: { line: ['l', 'w'] } });
    expect(rest.map((e) => e.message)).toEqual(['sup', 'none']);
  });

  it('keeps errors about all the lines apart, for the group', () => {
    const { lines, rest } = splitLineErrors([
      { code: 'DUPLICATE_LINE', field: 'input.lines', message: 'dup' },
      { code: 'TOO_MANY_LINES', field: 'lines', message: 'many' },
    ]);
    expect(lines).toEqual({ [ALL_LINES]: { line: ['dup', 'many'] } });
    expect(rest).toEqual([]);
  });

  it('does not take fields that only look like lines', () => {
    const { lines, rest } = splitLineErrors([{ code: 'X', field: 'lines[x].sku', message: 'm' }, { code: 'X', field: 'outlines[0].sku', message: 'n' }]);
    expect(lines).toEqual({});
    expect(rest).toHaveLength(2);
  });
});

describe('parseLines', () => {
  it('trims SKUs and reads whole quantities', () => {
    expect(parseLines([{ sku: ' a-1 ', quantity: ' 3 ' }])).toEqual({ lines: [{ sku: 'a-1', quantity: 3 }], errors: {} });
  });

  it('reports an empty or fractional quantity against its line', () => {
    const { errors } = parseLines([{ sku: 'A', quantity: '' }, { sku: 'B', quantity: '2' }, { sku: 'C', quantity: '1.5' }]);
    expect(Object.keys(errors)).toEqual(['0', '2']);
    expect(errors[2]?.quantity?.[0]).toMatch(/whole/);
  });
});
