// Purchase orders: what can be done to them, and the receipt form's quantities per line.
import { parseWholeNumber } from '../app/numbers';
import { splitLineErrors } from '../components/lines';
import type { UserError } from '../api/graphql';

export const PURCHASE_ORDER_STATUSES = ['OPEN', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export interface PurchaseOrderLine {
  lineNumber: number;
  sku: string;
  quantity: number;
  received: number;
  remaining: number;
}

/** Stock is still expected: it can be received, or the purchase order closed. */
export function isOpen(status: PurchaseOrderStatus): boolean {
  return status === 'OPEN' || status === 'PARTIALLY_RECEIVED';
}

/** The receipt form's first values: per line number, what is still outstanding. */
export function receiptDrafts(lines: readonly PurchaseOrderLine[]): Record<number, string> {
  return Object.fromEntries(lines.map((l) => [l.lineNumber, String(Math.max(0, l.remaining))]));
}

/**
 * The receipt as the API takes it: lines with a quantity above zero, in line order, and the line number each sent
 * line came from (the API names its errors by the index sent). A quantity that is not a whole number of zero or
 * more is refused here, by line number; nothing to receive is refused as a whole.
 */
export function buildReceipt(
  lines: readonly PurchaseOrderLine[],
  drafts: Readonly<Record<number, string>>,
): { lines: { sku: string; quantity: number }[]; sent: number[]; errors: Record<number, string[]>; empty: boolean } {
  const sent: number[] = [];
  const receipt: { sku: string; quantity: number }[] = [];
  const errors: Record<number, string[]> = {};
  for (const line of lines) {
    const text = (drafts[line.lineNumber] ?? '').trim();
    if (text === '') continue;
    const quantity = parseWholeNumber(text);
    if (quantity === null || quantity < 0) {
      errors[line.lineNumber] = ['Enter a whole number (0 to receive none).'];
      continue;
    }
    if (quantity === 0) continue;
    receipt.push({ sku: line.sku, quantity });
    sent.push(line.lineNumber);
  }
  return { lines: receipt, sent, errors, empty: receipt.length === 0 && Object.keys(errors).length === 0 };
}

/** The API's userErrors of a receipt by line number (via the index each line was sent at), and the rest. */
export function receiptErrors(userErrors: readonly UserError[], sent: readonly number[]): { byLine: Record<number, string[]>; rest: UserError[] } {
  const split = splitLineErrors(userErrors);
  const byLine: Record<number, string[]> = {};
  const rest = [...split.rest];
  for (const [index, e] of Object.entries(split.lines)) {
    const lineNumber = sent[Number(index)];
    const messages = [...(e.line ?? []), ...(e.sku ?? []), ...(e.quantity ?? [])];
    if (lineNumber === undefined) rest.push(...messages.map((message) => ({ code: 'LINE', field: null, message })));
    else (byLine[lineNumber] ??= []).push(...messages);
  }
  return { byLine, rest };
}

/** A date input's value (`2026-12-01`) as the API's expectedAt (midnight UTC); blank is null. */
export function expectedAtFromDate(date: string): string | null {
  const text = date.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  return `${text}T00:00:00Z`;
}

/** expectedAt as the date it was entered as. */
export function formatExpectedAt(expectedAt: string | null): string {
  if (!expectedAt) return '—';
  return new Date(expectedAt).toLocaleDateString(undefined, { timeZone: 'UTC' });
}

/** Received of ordered, over all lines: "12 of 30". */
export function receivedSummary(lines: readonly PurchaseOrderLine[]): string {
  const ordered = lines.reduce((s, l) => s + l.quantity, 0);
  const received = lines.reduce((s, l) => s + l.received, 0);
  return `${received} of ${ordered}`;
}
