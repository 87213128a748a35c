import { useEffect, useMemo, useRef, useState } from 'react';
import { useSubscription } from '../app/hooks';
import { usePaging } from '../app/paging';
import { useList } from '../app/useList';
import { useFilters } from '../app/useFilters';
import { CONNECTION_FIELDS, ConnectionTable } from '../components/ConnectionTable';
import { FilterToolbar } from '../components/FilterToolbar';
import { LiveBadge } from '../components/LiveBadge';
import { LiveRow } from '../components/LiveRow';
import { PageHeader } from '../components/PageHeader';
import { ToolbarSearch } from '../components/ToolbarSearch';
import { EmptyState, StatusMessage } from '../components/States';
import { StockFormDialog, stockFormTitles, type StockFormKind, type StockTarget } from './StockForms';
import { applyChange, isNewLevel, levelKey, pruneChanges, rememberChange, subscribedSkus, type LevelQuantities, type StockLevelChange } from './stock';

const PAGE_SIZE = 25;

const STOCK_LEVELS = /* GraphQL */ `
  query StockLevels($first: Int!, $after: String, $filter: StockLevelFilterInput) {
    stockLevels(first: $first, after: $after, filter: $filter) {
      ${CONNECTION_FIELDS}
      nodes { id sku warehouseCode onHand reserved committed damaged safetyStock incoming available reorderPoint version updatedAt }
    }
  }
`;

const STOCK_LEVEL_CHANGED = /* GraphQL */ `
  subscription StockLevelChanged($filter: StockLevelChangedFilterInput) {
    stockLevelChanged(filter: $filter) {
      sku warehouseCode onHand reserved committed damaged safetyStock incoming available reorderPoint version reason reference occurredAt
    }
  }
`;

interface StockLevel extends LevelQuantities {
  id: string;
  updatedAt: string;
}

interface Filters {
  sku: string;
  warehouseCode: string;
  belowReorderPoint: boolean;
}

const formKinds: StockFormKind[] = ['receive', 'adjust', 'set', 'move'];

/** The row buttons' words; their accessible names add the SKU and warehouse. */
const rowActionLabels: Record<StockFormKind, string> = { receive: 'Receive', adjust: 'Adjust', set: 'Count', move: 'Move' };

const noFilters: Filters = { sku: '', warehouseCode: '', belowReorderPoint: false };

/** The stock grid: one page of levels, each row updated in place by stockLevelChanged while the page is open. */
export function StockPage() {
  const paging = usePaging();
  const { draft, edit, filters, apply, input: filter, filtered } = useFilters(noFilters, paging.reset);
  const [form, setForm] = useState<{ kind: StockFormKind; target: StockTarget | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const { connection: read, refetch, table } = useList<StockLevel>(STOCK_LEVELS, 'stockLevels', paging, PAGE_SIZE, { filter });
  const nodes = read?.nodes;

  // Changes newer than the rows shown, per level. Later pages subscribe to their own SKUs only; the first page to
  // every SKU its filter allows, and notices levels it does not show yet ("New stock levels — Show").
  const [changes, setChanges] = useState<Record<string, StockLevelChange>>({});
  const shown = useRef<ReadonlySet<string>>(new Set());
  // The page's last row when more follow (a level sorting after it is on a later page), else null.
  const pageEnd = useRef<StockLevel | null>(null);
  useEffect(() => {
    shown.current = new Set((nodes ?? []).map(levelKey));
    pageEnd.current = read?.pageInfo.hasNextPage ? (nodes?.at(-1) ?? null) : null;
    setChanges((c) => pruneChanges(c, nodes ?? []));
  }, [read, nodes]);
  const skus = useMemo(() => [...new Set((nodes ?? []).map((n) => n.sku))].sort(), [nodes]);
  const firstPage = paging.page === 1;
  const liveSkus = subscribedSkus(firstPage, filters.sku, skus);
  // The query the notice was raised for: a new filter or page drops it.
  const listing = JSON.stringify([filters, paging.after]);
  const [newLevelsFor, setNewLevelsFor] = useState<string | null>(null);
  const live = useSubscription<{ stockLevelChanged: StockLevelChange }>(
    STOCK_LEVEL_CHANGED,
    { filter: { skus: liveSkus, warehouseCodes: filters.warehouseCode ? [filters.warehouseCode] : null } },
    (d) => {
      setChanges((c) => rememberChange(c, d.stockLevelChanged, shown.current));
      if (nodes && isNewLevel(d.stockLevelChanged, shown.current, filters, firstPage, pageEnd.current)) setNewLevelsFor(listing);
    },
    { skip: liveSkus !== null && liveSkus.length === 0, onReconnected: refetch },
  );
  const newLevels = newLevelsFor === listing && (
    <p className="notice" role="status" style={{ display: 'flex', alignItems: 'center', gap: '0.6rem', marginBottom: '1rem' }}>
      New stock levels{' '}
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          setNewLevelsFor(null);
          refetch();
        }}
      >
        Show
      </button>
    </p>
  );

  const connection = read && { ...read, nodes: read.nodes.map((n) => applyChange(n, changes[levelKey(n)])) };

  return (
    <>
      <PageHeader
        title="Stock"
        description="Stock levels by SKU and warehouse. Rows update live as stock moves."
        actions={
          <div className="stock-page-actions">
            {skus.length > 0 && <LiveBadge status={live.status} />}
            {formKinds.map((kind) => (
              <button key={kind} type="button" className={kind === 'receive' ? 'button button--primary' : 'button'} onClick={() => setForm({ kind, target: null })}>
                {stockFormTitles[kind]}…
              </button>
            ))}
          </div>
        }
      />
      <StatusMessage message={message} />

      <FilterToolbar label="Stock levels" onApply={apply}>
        <ToolbarSearch id="stock-sku" label="SKU" value={draft.sku} onChange={edit('sku')} />
        <ToolbarSearch id="stock-warehouse" label="Warehouse code" value={draft.warehouseCode} onChange={edit('warehouseCode')} />
        <div className="toolbar__field toolbar__field--check">
          <input id="stock-below" type="checkbox" checked={draft.belowReorderPoint} onChange={(e) => edit('belowReorderPoint')(e.target.checked)} />
          <label htmlFor="stock-below">At or below reorder point</label>
        </div>
      </FilterToolbar>

      {newLevels}
      <div className="stock-grid">
        <ConnectionTable
          what="stock levels"
          caption="Stock levels"
          {...table}
          connection={connection}
          empty={
            <EmptyState title={filtered ? 'No stock level matches.' : 'No stock yet.'}>
              <p>{filtered ? 'Try other filters.' : 'Levels appear once stock is received or configured for a product in a warehouse.'}</p>
            </EmptyState>
          }
          columns={
            <>
              <th scope="col">SKU</th>
              <th scope="col">Warehouse</th>
              <th scope="col" className="num">On hand</th>
              <th scope="col" className="num">Reserved</th>
              <th scope="col" className="num">Committed</th>
              <th scope="col" className="num">Damaged</th>
              <th scope="col" className="num">Safety stock</th>
              <th scope="col" className="num">Incoming</th>
              <th scope="col" className="num">Available</th>
              <th scope="col" className="num">Reorder point</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </>
          }
          row={(l) => {
            const low = l.available <= l.reorderPoint;
            return (
              <LiveRow key={l.id} changedVersion={changes[levelKey(l)] ? l.version : null} data-version={l.version}>
                <th scope="row" className="mono">
                  {l.sku}
                </th>
                <td className="mono">{l.warehouseCode}</td>
                <td className="num" data-column="onHand">{l.onHand}</td>
                <td className="num" data-column="reserved">{l.reserved}</td>
                <td className="num" data-column="committed">{l.committed}</td>
                <td className="num" data-column="damaged">{l.damaged}</td>
                <td className="num" data-column="safetyStock">{l.safetyStock}</td>
                <td className="num" data-column="incoming">{l.incoming}</td>
                <td className={low ? 'num num--low' : 'num'} data-column="available">
                  {l.available}
                  {low && <span className="visually-hidden"> (at or below reorder point)</span>}
                </td>
                <td className="num" data-column="reorderPoint">{l.reorderPoint}</td>
                <td>
                  <div className="stock-actions">
                    {formKinds.map((kind) => (
                      <button
                        key={kind}
                        type="button"
                        className="button button--small"
                        onClick={() => setForm({ kind, target: { sku: l.sku, warehouseCode: l.warehouseCode, onHand: l.onHand } })}
                        aria-label={`${rowActionLabels[kind]} ${l.sku} in ${l.warehouseCode}`}
                      >
                        {rowActionLabels[kind]}
                      </button>
                    ))}
                  </div>
                </td>
              </LiveRow>
            );
          }}
        />
      </div>
      <StockFormDialog
        form={form}
        onClose={() => setForm(null)}
        onDone={(text) => {
          setForm(null);
          setMessage(text);
          refetch();
        }}
      />
    </>
  );
}
