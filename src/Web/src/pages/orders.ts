// Sales orders: their statuses, what can be done to them, and keeping them current from orderStatusChanged events.

export const ORDER_STATUSES = ['PENDING', 'RESERVED', 'REJECTED', 'CONFIRMED', 'SHIPPED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderAction = 'confirm' | 'ship' | 'cancel';

/** The moves the API allows from a status (anything else is INVALID_STATUS): PENDING → RESERVED | REJECTED → CONFIRMED → SHIPPED, or CANCELLED. */
export function orderActions(status: OrderStatus): OrderAction[] {
  switch (status) {
    case 'PENDING':
      return ['cancel'];
    case 'RESERVED':
      return ['confirm', 'cancel'];
    case 'CONFIRMED':
      return ['ship', 'cancel'];
    default:
      return [];
  }
}

/** Whether Stock has yet to answer: the order is waiting to be allocated. */
export function isAwaitingAllocation(status: OrderStatus): boolean {
  return status === 'PENDING';
}

/** "PENDING" → "Pending". */
export function statusLabel(status: string): string {
  const words = status.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface OrderLineSummary {
  sku: string;
  quantity: number;
}

/** "3 lines · 12 units: SKU-1 × 2, SKU-2 × 5, …" (the first `shown` SKUs). */
export function linesSummary(lines: readonly OrderLineSummary[], shown = 2): string {
  const units = lines.reduce((sum, l) => sum + l.quantity, 0);
  const head = `${lines.length} ${lines.length === 1 ? 'line' : 'lines'} · ${units} ${units === 1 ? 'unit' : 'units'}`;
  if (lines.length === 0) return head;
  const skus = lines.slice(0, shown).map((l) => `${l.sku} × ${l.quantity}`);
  if (lines.length > shown) skus.push('…');
  return `${head}: ${skus.join(', ')}`;
}

/** One orderStatusChanged event. */
export interface OrderStatusChange {
  id: string;
  status: OrderStatus;
  customerReference: string;
  reason: string | null;
  version: number;
  changedAt: string;
}

/** What a row needs to take a change: its id, status and version. */
export interface VersionedOrder {
  id: string;
  status: OrderStatus;
  version: number;
}

/** The row with the change's status when the change is newer than the row; the row itself otherwise. */
export function applyStatusChange<T extends VersionedOrder>(row: T, change: OrderStatusChange | undefined): T {
  if (!change || change.id !== row.id || change.version <= row.version) return row;
  return { ...row, status: change.status, version: change.version };
}

/**
 * The changes to keep after an event: the newest per order, at most `limit` orders (the oldest events go first).
 * Events of orders not shown yet are kept too: an order just placed may be allocated before the list shows it.
 */
export function rememberStatusChange(
  changes: ReadonlyMap<string, OrderStatusChange>,
  change: OrderStatusChange,
  limit = 200,
): ReadonlyMap<string, OrderStatusChange> {
  const known = changes.get(change.id);
  if (known && known.version >= change.version) return changes;
  const next = new Map(changes);
  next.delete(change.id);
  next.set(change.id, change);
  while (next.size > limit) next.delete(next.keys().next().value as string);
  return next;
}

/** The newer of two reads of the same order (by version); either may be missing. */
export function newerOrder<T extends { version: number }>(a: T | undefined | null, b: T | undefined | null): T | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return b.version > a.version ? b : a;
}

/** Why a line could not be allocated, in words. */
export function rejectionLabel(reason: string): string {
  switch (reason) {
    case 'UNKNOWN_SKU':
      return 'Unknown SKU';
    case 'PRODUCT_DISCONTINUED':
      return 'Product discontinued';
    case 'INSUFFICIENT_STOCK':
      return 'Insufficient stock';
    default:
      return reason;
  }
}

/**
 * One query that looks every distinct SKU up in the catalog (aliases `p0`, `p1`, … batch into one lookup), so the
 * place-order form can name an unknown or discontinued SKU next to its line before Stock would reject the order.
 */
export function skuLookup(skus: readonly string[]): { query: string; variables: Record<string, string>; aliases: Map<string, string> } {
  const aliases = new Map<string, string>();
  const distinct: string[] = [];
  const variables: Record<string, string> = {};
  for (const raw of skus) {
    const sku = raw.trim();
    if (sku === '' || aliases.has(sku.toUpperCase())) continue;
    aliases.set(sku.toUpperCase(), `p${distinct.length}`);
    variables[`s${distinct.length}`] = sku;
    distinct.push(sku);
  }
  const params = distinct.map((_, i) => `$s${i}: String!`).join(', ');
  const fields = distinct.map((_, i) => `p${i}: product(sku: $s${i}) { sku status }`).join(' ');
  return { query: distinct.length ? `query OrderSkus(${params}) { ${fields} }` : '', variables, aliases };
}

/** The SKU errors per line index from a `skuLookup` answer: unknown SKUs and discontinued products. */
export function skuLookupErrors(
  skus: readonly string[],
  aliases: ReadonlyMap<string, string>,
  answer: Record<string, { sku: string; status: string } | null>,
): Record<number, { sku: string[] }> {
  const errors: Record<number, { sku: string[] }> = {};
  skus.forEach((raw, i) => {
    const alias = aliases.get(raw.trim().toUpperCase());
    if (!alias || !(alias in answer)) return;
    const product = answer[alias];
    if (!product) errors[i] = { sku: ['No product has this SKU.'] };
    else if (product.status === 'DISCONTINUED') errors[i] = { sku: ['This product is discontinued.'] };
  });
  return errors;
}
