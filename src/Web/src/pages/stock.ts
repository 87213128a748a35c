// Live stock levels: a page of levels from the stockLevels query, kept current by stockLevelChanged events.

/** The quantities a stock level row shows, with the version that orders its changes. */
export interface LevelQuantities {
  sku: string;
  warehouseCode: string;
  onHand: number;
  reserved: number;
  committed: number;
  damaged: number;
  safetyStock: number;
  incoming: number;
  available: number;
  reorderPoint: number;
  version: number;
}

/** One stockLevelChanged event. */
export interface StockLevelChange extends LevelQuantities {
  reason: string;
  reference: string | null;
  occurredAt: string;
}

/** A level's identity: SKUs and warehouse codes compare case-insensitively, as the API does. */
export function levelKey(level: { sku: string; warehouseCode: string }): string {
  return `${level.sku.toUpperCase()}\u0000${level.warehouseCode.toUpperCase()}`;
}

/** The row with the change's quantities when the change is newer than the row; the row itself otherwise. */
export function applyChange<T extends LevelQuantities>(row: T, change: StockLevelChange | undefined): T {
  if (!change || change.version <= row.version) return row;
  const { onHand, reserved, committed, damaged, safetyStock, incoming, available, reorderPoint, version } = change;
  return { ...row, onHand, reserved, committed, damaged, safetyStock, incoming, available, reorderPoint, version };
}

/**
 * The changes to keep after an event: only for the rows shown (`shown` holds their keys), only the newest per
 * level. Memory stays bounded by the page size however many events arrive.
 */
export function rememberChange(changes: Record<string, StockLevelChange>, change: StockLevelChange, shown: ReadonlySet<string>): Record<string, StockLevelChange> {
  const key = levelKey(change);
  if (!shown.has(key)) return changes;
  const known = changes[key];
  if (known && known.version >= change.version) return changes;
  return { ...changes, [key]: change };
}

/** The changes still newer than the rows of a newly loaded page (older ones and those of other rows go). */
export function pruneChanges(changes: Record<string, StockLevelChange>, rows: readonly LevelQuantities[]): Record<string, StockLevelChange> {
  const kept: Record<string, StockLevelChange> = {};
  for (const row of rows) {
    const key = levelKey(row);
    const change = changes[key];
    if (change && change.version > row.version) kept[key] = change;
  }
  return kept;
}

/** The filters the stock grid lists levels by (as the stockLevels query takes them). */
export interface LevelFilters {
  sku: string;
  warehouseCode: string;
  belowReorderPoint: boolean;
}

/**
 * The SKUs the grid's subscription asks for. The first page listens to every SKU its filter allows (null: all), so
 * that levels created while it is open are noticed; later pages only to their own rows.
 */
export function subscribedSkus(firstPage: boolean, filterSku: string, pageSkus: readonly string[]): string[] | null {
  if (firstPage) return filterSku ? [filterSku] : null;
  return [...pageSkus];
}

/** The grid's order (the API's keyset): SKU ignoring case, then warehouse code; ordinal, as the keys are compared. */
export function compareLevels(a: Pick<LevelQuantities, 'sku' | 'warehouseCode'>, b: Pick<LevelQuantities, 'sku' | 'warehouseCode'>): number {
  const ka = a.sku.trim().toUpperCase();
  const kb = b.sku.trim().toUpperCase();
  if (ka !== kb) return ka < kb ? -1 : 1;
  const wa = a.warehouseCode.toUpperCase();
  const wb = b.warehouseCode.toUpperCase();
  return wa === wb ? 0 : wa < wb ? -1 : 1;
}

/**
 * Whether a change is of a level the page does not show but its query would list on it: worth a "new stock
 * levels" notice. Only on the first page (the others follow their own rows), only when it matches the filters,
 * and only when it would sort onto this page: `pageEnd` is the page's last row when there is a next page (a
 * level after it belongs to a later page, and changes there are not news), null when the page ends the list.
 */
export function isNewLevel(
  change: LevelQuantities,
  shown: ReadonlySet<string>,
  filters: LevelFilters,
  firstPage: boolean,
  pageEnd: Pick<LevelQuantities, 'sku' | 'warehouseCode'> | null,
): boolean {
  if (!firstPage || shown.has(levelKey(change))) return false;
  if (filters.sku && filters.sku.toUpperCase() !== change.sku.toUpperCase()) return false;
  if (filters.warehouseCode && filters.warehouseCode.toUpperCase() !== change.warehouseCode.toUpperCase()) return false;
  if (filters.belowReorderPoint && change.available > change.reorderPoint) return false;
  return pageEnd === null || compareLevels(change, pageEnd) < 0;
}
