// Reservations: which actions a status allows, and the live expiries applied to the rows shown.

export type ReservationStatus = 'HELD' | 'COMMITTED' | 'RELEASED' | 'EXPIRED' | 'FULFILLED';
export type ReservationAction = 'release' | 'commit' | 'extend' | 'fulfil';

export const reservationStatuses: readonly ReservationStatus[] = ['HELD', 'COMMITTED', 'RELEASED', 'EXPIRED', 'FULFILLED'];

export const reservationStatusLabels: Record<ReservationStatus, string> = {
  HELD: 'Held',
  COMMITTED: 'Committed',
  RELEASED: 'Released',
  EXPIRED: 'Expired',
  FULFILLED: 'Fulfilled',
};

export const reservationActionLabels: Record<ReservationAction, string> = {
  release: 'Release',
  commit: 'Commit',
  extend: 'Extend',
  fulfil: 'Fulfil',
};

/** HELD: release, commit or extend; COMMITTED: fulfil or release; the rest is final. */
export function reservationActions(status: ReservationStatus): ReservationAction[] {
  switch (status) {
    case 'HELD':
      return ['commit', 'extend', 'release'];
    case 'COMMITTED':
      return ['fulfil', 'release'];
    default:
      return [];
  }
}

/** The row with the status a live expiry gave it: only a HELD row can expire (a later change wins). */
export function applyExpiry<T extends { id: string; status: ReservationStatus }>(row: T, expired: ReadonlySet<string>): T {
  if (row.status !== 'HELD' || !expired.has(row.id.toLowerCase())) return row;
  return { ...row, status: 'EXPIRED' };
}

/** "2 × SKU-1 @ MAIN". */
export function describeReservationLine(line: { sku: string; warehouseCode: string; quantity: number }): string {
  return `${line.quantity} × ${line.sku} @ ${line.warehouseCode}`;
}

/** The message for a successful action. */
export function reservationDone(action: ReservationAction, r: { reference: string | null; expiresAt: string }): string {
  const what = `Reservation${r.reference ? ` ${r.reference}` : ''}`;
  switch (action) {
    case 'release':
      return `${what} released: its stock is available again.`;
    case 'commit':
      return `${what} committed: it no longer expires.`;
    case 'extend':
      return `${what} extended: it now expires at ${new Date(r.expiresAt).toLocaleString()}.`;
    case 'fulfil':
      return `${what} fulfilled: its stock has left on hand.`;
  }
}
