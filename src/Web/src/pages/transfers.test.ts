import { describe, expect, it } from 'vitest';
import { describeLines, transferActions, transferDone } from './transfers';

describe('transferActions', () => {
  it('follows the status', () => {
    expect(transferActions('DRAFT')).toEqual(['ship', 'cancel']);
    expect(transferActions('IN_TRANSIT')).toEqual(['receive', 'cancel']);
    expect(transferActions('RECEIVED')).toEqual([]);
    expect(transferActions('CANCELLED')).toEqual([]);
  });
});

describe('transfer text', () => {
  it('lists lines and says what happened', () => {
    expect(describeLines([{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 5 }])).toBe('2 × A, 5 × B');
    const t = { fromWarehouseCode: 'MAIN', toWarehouseCode: 'EAST', reference: 'tr:1' };
    expect(transferDone('ship', t)).toBe('Transfer MAIN → EAST (tr:1) shipped: the stock left MAIN and is incoming at EAST.');
    expect(transferDone('cancel', { ...t, reference: null })).toBe('Transfer MAIN → EAST cancelled.');
  });
});
