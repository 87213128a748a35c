import { usePaging } from '../app/paging';
import { useList } from '../app/useList';
import { useFilters } from '../app/useFilters';
import { CONNECTION_FIELDS, ConnectionTable } from '../components/ConnectionTable';
import { FilterToolbar, ToolbarSelect } from '../components/FilterToolbar';
import { PageHeader } from '../components/PageHeader';
import { ToolbarSearch } from '../components/ToolbarSearch';
import { EmptyState } from '../components/States';

const PAGE_SIZE = 25;

const STOCK_MOVEMENTS = /* GraphQL */ `
  query StockMovements($first: Int!, $after: String, $filter: StockMovementFilterInput) {
    stockMovements(first: $first, after: $after, filter: $filter) {
      ${CONNECTION_FIELDS}
      nodes { id sku warehouseCode reason reference quantityDeltas { name delta } onHandAfter availableAfter actor occurredAt }
    }
  }
`;

/** The ledger's reasons (StockReason), in the order a user looks for them. */
export const STOCK_REASONS = [
  'RECEIVED',
  'RESERVED',
  'RELEASED',
  'EXPIRED',
  'COMMITTED',
  'SHIPPED',
  'CORRECTION',
  'CYCLE_COUNT',
  'DAMAGED',
  'SHRINKAGE',
  'RETURNED',
  'TRANSFER_OUT',
  'TRANSFER_IN',
  'IN_TRANSIT',
  'TRANSFER_CANCELLED',
  'MOVED',
  'PURCHASE_ORDERED',
  'PURCHASE_CLOSED',
] as const;

/** "CYCLE_COUNT" → "Cycle count". */
export function reasonLabel(reason: string): string {
  const words = reason.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Movement {
  id: string;
  sku: string;
  warehouseCode: string;
  reason: string;
  reference: string | null;
  quantityDeltas: { name: string; delta: number }[];
  onHandAfter: number;
  availableAfter: number;
  actor: string;
  occurredAt: string;
}

interface Filters {
  sku: string;
  warehouseCode: string;
  reason: string;
}

const noFilters: Filters = { sku: '', warehouseCode: '', reason: '' };

/** The append-only stock ledger, newest first, one page at a time. */
export function LedgerPage() {
  const paging = usePaging();
  const { draft, edit, apply, input: filter, filtered } = useFilters(noFilters, paging.reset);
  const { table } = useList<Movement>(STOCK_MOVEMENTS, 'stockMovements', paging, PAGE_SIZE, { filter });

  return (
    <>
      <PageHeader title="Ledger" description="Every stock movement, newest first." />

      <FilterToolbar label="Stock movements" onApply={apply}>
        <ToolbarSearch id="ledger-sku" label="SKU" value={draft.sku} onChange={edit('sku')} />
        <ToolbarSearch id="ledger-warehouse" label="Warehouse code" value={draft.warehouseCode} onChange={edit('warehouseCode')} />
        <ToolbarSelect id="ledger-reason" label="Reason" value={draft.reason} options={STOCK_REASONS} optionLabel={reasonLabel} onChange={edit('reason')} />
      </FilterToolbar>

      <ConnectionTable
        what="stock movements"
        caption="Stock movements"
        {...table}
        empty={
          <EmptyState title={filtered ? 'No movement matches.' : 'No stock has moved yet.'}>
            <p>{filtered ? 'Try other filters.' : 'Receipts, reservations, adjustments and transfers appear here.'}</p>
          </EmptyState>
        }
        columns={
          <>
            <th scope="col">When</th>
            <th scope="col">SKU</th>
            <th scope="col">Warehouse</th>
            <th scope="col">Reason</th>
            <th scope="col">Changes</th>
            <th scope="col" className="num">On hand after</th>
            <th scope="col" className="num">Available after</th>
            <th scope="col">Reference</th>
            <th scope="col">By</th>
          </>
        }
        row={(m) => (
          <tr key={m.id}>
            <th scope="row">
              <time dateTime={m.occurredAt}>{new Date(m.occurredAt).toLocaleString()}</time>
            </th>
            <td className="mono">{m.sku}</td>
            <td className="mono">{m.warehouseCode}</td>
            <td>{reasonLabel(m.reason)}</td>
            <td>{m.quantityDeltas.map((d) => `${d.name} ${d.delta > 0 ? '+' : ''}${d.delta}`).join(', ')}</td>
            <td className="num">{m.onHandAfter}</td>
            <td className="num">{m.availableAfter}</td>
            <td className="mono">{m.reference ?? '—'}</td>
            <td className="mono">{m.actor}</td>
          </tr>
        )}
      />
    </>
  );
}
