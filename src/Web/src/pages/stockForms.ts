// The stock forms' pure logic: whole numbers as typed, the reasons an adjustment allows, what a stale count means.
import type { UserError } from '../api/graphql';

export { parseWholeNumber } from '../app/numbers';

/** The reasons adjustStock takes, with the sign of the delta each allows (0: either way). */
export const adjustReasons = [
  { value: 'CORRECTION', label: 'Correction (either way)', sign: 0 },
  { value: 'DAMAGED', label: 'Damaged (takes stock away)', sign: -1 },
  { value: 'SHRINKAGE', label: 'Shrinkage (takes stock away)', sign: -1 },
  { value: 'RETURNED', label: 'Returned (adds stock)', sign: 1 },
  { value: 'RECEIVED', label: 'Received (adds stock)', sign: 1 },
] as const;

export type AdjustReason = (typeof adjustReasons)[number]['value'];

/** The reasons setStock takes; CYCLE_COUNT is the default. */
export const countReasons = [
  { value: 'CYCLE_COUNT', label: 'Cycle count' },
  { value: 'CORRECTION', label: 'Correction' },
] as const;

/** Why the reason does not fit the delta's sign (as the API would refuse it), or null when it fits. */
export function reasonMismatch(reason: string, delta: number | null): string | null {
  const entry = adjustReasons.find((r) => r.value === reason);
  if (!entry || entry.sign === 0 || delta === null || delta === 0) return null;
  if (Math.sign(delta) === entry.sign) return null;
  return entry.sign < 0 ? 'This reason takes stock away: enter a negative delta.' : 'This reason adds stock: enter a positive delta.';
}

/** The stale-count error among a setStock answer's userErrors, and the others. */
export function splitStale(userErrors: readonly UserError[]): { stale: UserError | null; rest: UserError[] } {
  const stale = userErrors.find((e) => e.code === 'STALE') ?? null;
  return { stale, rest: userErrors.filter((e) => e !== stale) };
}

/** What a stale count means, in words: the count started from `from`, on hand is `now`, the count `counted` was not saved. */
export function staleExplanation(from: number, now: number, counted: number): string {
  const moved = now - from;
  const change = moved > 0 ? `${moved} more` : `${-moved} fewer`;
  return (
    `On hand was ${from} when the count started and is ${now} now (${change}: stock moved while you counted). ` +
    `Your count of ${counted} was not saved. Count again, then save the new count.`
  );
}

/** The directions moveStock offers: between the available and the damaged stock of one level. */
export const moveDirections = [
  { value: 'AVAILABLE>DAMAGED', label: 'Available → damaged', from: 'AVAILABLE', to: 'DAMAGED' },
  { value: 'DAMAGED>AVAILABLE', label: 'Damaged → available', from: 'DAMAGED', to: 'AVAILABLE' },
] as const;

export type MoveDirection = (typeof moveDirections)[number]['value'];

/** "5 units", "1 unit". */
export function units(quantity: number): string {
  return `${quantity} ${Math.abs(quantity) === 1 ? 'unit' : 'units'}`;
}

/** "+5", "-3". */
export function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : `${delta}`;
}

/** SKUs and warehouse codes compare case-insensitively and without surrounding spaces. */
export function sameLevel(a: { sku: string; warehouseCode: string }, b: { sku: string; warehouseCode: string }): boolean {
  return a.sku.trim().toUpperCase() === b.sku.trim().toUpperCase() && a.warehouseCode.trim().toUpperCase() === b.warehouseCode.trim().toUpperCase();
}
