import { describe, expect, it } from 'vitest';
import { applyExpiry, describeReservationLine, reservationActions, reservationDone } from './reservations';

describe('reservationActions', () => {
  it('follows the status', () => {
    expect(reservationActions('HELD')).toEqual(['commit', 'extend', 'release']);
    expect(reservationActions('COMMITTED')).toEqual(['fulfil', 'release']);
    expect(reservationActions('RELEASED')).toEqual([]);
    expect(reservationActions('EXPIRED')).toEqual([]);
    expect(reservationActions('FULFILLED')).toEqual([]);
  });
});

describe('applyExpiry', () => {
  const held = { id: 'AB-1', status: 'HELD' as const };
  it('expires a held row named by an event, ignoring case', () => {
    expect(applyExpiry(held, new Set(['ab-1'])).status).toBe('EXPIRED');
  });
  it('leaves other rows and rows that moved on', () => {
    expect(applyExpiry(held, new Set(['other']))).toBe(held);
    const committed = { id: 'AB-1', status: 'COMMITTED' as const };
    expect(applyExpiry(committed, new Set(['ab-1']))).toBe(committed);
  });
});

describe('reservation text', () => {
  it('describes lines and results', () => {
    expect(describeReservationLine({ sku: 'A', warehouseCode: 'MAIN', quantity: 3 })).toBe('3 × A @ MAIN');
    expect(reservationDone('release', { reference: 'cart:7', expiresAt: '2026-01-01T00:00:00Z' })).toBe('Reservation cart:7 released: its stock is available again.');
    expect(reservationDone('commit', { reference: null, expiresAt: '2026-01-01T00:00:00Z' })).toBe('Reservation committed: it no longer expires.');
  });
});
