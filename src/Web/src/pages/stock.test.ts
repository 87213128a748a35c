import { describe, expect, it } from 'vitest';
import { applyChange, levelKey, pruneChanges, rememberChange, type LevelQuantities, type StockLevelChange } from './stock';

const row = (version: number, onHand = 10): LevelQuantities & { id: string } => ({
  id: 'l1',
  sku: 'SKU-1',
  warehouseCode: 'MAIN',
  onHand,
  reserved: 0,
  committed: 0,
  damaged: 0,
  safetyStock: 0,
  incoming: 0,
  available: onHand,
  reorderPoint: 0,
  version,
});

const change = (version: number, onHand: number, sku = 'sku-1'): StockLevelChange => ({
  ...row(version, onHand),
  sku,
  reason: 'RECEIVED',
  reference: null,
  occurredAt: '2026-01-01T00:00:00Z',
});

describe('applyChange', () => {
  it('takes a newer change and keeps the row’s other fields', () => {
    const updated = applyChange(row(3), change(4, 15));
    expect(updated.onHand).toBe(15);
    expect(updated.version).toBe(4);
    expect(updated.id).toBe('l1');
  });

  it('ignores a change that is not newer than the row', () => {
    expect(applyChange(row(4), change(4, 15)).onHand).toBe(10);
    expect(applyChange(row(5), change(4, 15)).onHand).toBe(10);
    expect(applyChange(row(5), undefined).onHand).toBe(10);
  });
});

describe('rememberChange', () => {
  const shown = new Set([levelKey({ sku: 'SKU-1', warehouseCode: 'MAIN' })]);

  it('keeps the newest change of a row shown, matching SKUs case-insensitively', () => {
    let changes = rememberChange({}, change(4, 15), shown);
    changes = rememberChange(changes, change(3, 12), shown);
    expect(Object.values(changes)).toHaveLength(1);
    expect(Object.values(changes)[0]!.version).toBe(4);
  });

  it('drops changes of rows not shown', () => {
    expect(rememberChange({}, change(4, 15, 'OTHER'), shown)).toEqual({});
  });
});

describe('pruneChanges', () => {
  it('keeps only changes newer than the reloaded rows', () => {
    const changes = rememberChange({}, change(4, 15), new Set([levelKey(row(1))]));
    expect(pruneChanges(changes, [row(4)])).toEqual({});
    expect(Object.keys(pruneChanges(changes, [row(3)]))).toHaveLength(1);
    expect(pruneChanges(changes, [])).toEqual({});
  });
});
