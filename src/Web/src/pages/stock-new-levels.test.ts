import { describe, expect, it } from 'vitest';
import { compareLevels, isNewLevel, levelKey, subscribedSkus, type LevelFilters, type LevelQuantities } from './stock';

const level = (sku: string, warehouseCode = 'MAIN', available = 10, reorderPoint = 0): LevelQuantities => ({
  sku,
  warehouseCode,
  onHand: available,
  reserved: 0,
  committed: 0,
  damaged: 0,
  safetyStock: 0,
  incoming: 0,
  available,
  reorderPoint,
  version: 1,
});

const none: LevelFilters = { sku: '', warehouseCode: '', belowReorderPoint: false };

describe('subscribedSkus', () => {
  it('listens to every SKU on the first page without a SKU filter', () => {
    expect(subscribedSkus(true, '', ['A', 'B'])).toBeNull();
  });

  it('listens to the filtered SKU on the first page, even when the page is empty', () => {
    expect(subscribedSkus(true, 'SKU-9', [])).toEqual(['SKU-9']);
  });

  it('listens only to the rows shown on later pages', () => {
    expect(subscribedSkus(false, '', ['A', 'B'])).toEqual(['A', 'B']);
    expect(subscribedSkus(false, '', [])).toEqual([]);
  });
});

describe('isNewLevel', () => {
  const shown = new Set([levelKey(level('A'))]);

  it('is a level the first page does not show', () => {
    expect(isNewLevel(level('NEW'), shown, none, true, null)).toBe(true);
  });

  it('is not a level shown already, whatever the case', () => {
    expect(isNewLevel(level('a', 'main'), shown, none, true, null)).toBe(false);
  });

  it('is never noticed on later pages', () => {
    expect(isNewLevel(level('NEW'), shown, none, false, null)).toBe(false);
  });

  it('matches the SKU and warehouse filters ignoring case', () => {
    expect(isNewLevel(level('NEW', 'EAST'), shown, { ...none, sku: 'new' }, true, null)).toBe(true);
    expect(isNewLevel(level('OTHER', 'EAST'), shown, { ...none, sku: 'new' }, true, null)).toBe(false);
    expect(isNewLevel(level('NEW', 'EAST'), shown, { ...none, warehouseCode: 'east' }, true, null)).toBe(true);
    expect(isNewLevel(level('NEW', 'MAIN'), shown, { ...none, warehouseCode: 'east' }, true, null)).toBe(false);
  });

  it('matches the below-reorder-point filter (at counts as below)', () => {
    const below = { ...none, belowReorderPoint: true };
    expect(isNewLevel(level('NEW', 'MAIN', 5, 5), shown, below, true, null)).toBe(true);
    expect(isNewLevel(level('NEW', 'MAIN', 6, 5), shown, below, true, null)).toBe(false);
  });

  it('is not a level that sorts after the page when more pages follow (an existing level of a later page)', () => {
    const end = level('M', 'MAIN');
    expect(isNewLevel(level('Z-LATER'), shown, none, true, end)).toBe(false);
    expect(isNewLevel(level('m', 'WEST'), shown, none, true, end)).toBe(false);
    expect(isNewLevel(level('B-NEW'), shown, none, true, end)).toBe(true);
    expect(isNewLevel(level('m', 'EAST'), shown, none, true, end)).toBe(true);
  });
});

describe('compareLevels', () => {
  it('orders by SKU ignoring case, then by warehouse', () => {
    const sorted = [level('b', 'MAIN'), level('A', 'WEST'), level('a', 'EAST'), level('B', 'EAST')].sort(compareLevels);
    expect(sorted.map((l) => `${l.sku}@${l.warehouseCode}`)).toEqual(['a@EAST', 'A@WEST', 'B@EAST', 'b@MAIN']);
  });
});
