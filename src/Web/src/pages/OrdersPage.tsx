import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { UserError } from '../api/graphql';
import { useSubscription } from '../app/hooks';
import { useIdempotencyKey } from '../app/idempotency';
import { usePaging } from '../app/paging';
import { useList } from '../app/useList';
import { useFilters } from '../app/useFilters';
import { useSession } from '../app/session';
import { useForm } from '../app/useForm';
import { CONNECTION_FIELDS, ConnectionTable } from '../components/ConnectionTable';
import { Dialog } from '../components/Dialog';
import { Field, FormErrors } from '../components/Field';
import { FilterToolbar, ToolbarSelect } from '../components/FilterToolbar';
import { LinesEditor } from '../components/LinesEditor';
import { emptyLine, parseLines, splitLineErrors, type LineDraft, type LineErrors } from '../components/lines';
import { LiveBadge } from '../components/LiveBadge';
import { LiveRow } from '../components/LiveRow';
import { PageHeader } from '../components/PageHeader';
import { ToolbarSearch } from '../components/ToolbarSearch';
import { EmptyState, StatusMessage } from '../components/States';
import {
  applyStatusChange,
  linesSummary,
  ORDER_STATUSES,
  rememberStatusChange,
  skuLookup,
  skuLookupErrors,
  statusLabel,
  type OrderStatus,
  type OrderStatusChange,
} from './orders';
import './orders.css';

const PAGE_SIZE = 20;

const ORDERS = /* GraphQL */ `
  query Orders($first: Int!, $after: String, $filter: OrderFilterInput) {
    orders(first: $first, after: $after, filter: $filter) {
      ${CONNECTION_FIELDS}
      nodes { id status customerReference placedAt version lines { lineNumber sku quantity } }
    }
  }
`;

export const ORDER_STATUS_CHANGED = /* GraphQL */ `
  subscription OrderStatusChanged($filter: OrderStatusChangedFilterInput) {
    orderStatusChanged(filter: $filter) { id status customerReference reason version changedAt }
  }
`;

const PLACE_ORDER = /* GraphQL */ `
  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String!) {
    placeOrder(input: $input, idempotencyKey: $idempotencyKey) { order { id status customerReference } replayed userErrors { code field message } }
  }
`;

interface OrderRow {
  id: string;
  status: OrderStatus;
  customerReference: string;
  placedAt: string;
  version: number;
  lines: { lineNumber: number; sku: string; quantity: number }[];
}

interface Filters {
  status: '' | OrderStatus;
  customerReference: string;
}

const noFilters: Filters = { status: '', customerReference: '' };

/** A status as a coloured badge (the text says it; the colour only repeats it). */
export function OrderStatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge order-status order-status--${status.toLowerCase()}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

/** Sales orders, newest first; statuses follow orderStatusChanged while the page is open. */
export function OrdersPage() {
  const [placing, setPlacing] = useState(false);
  const [placed, setPlaced] = useState<{ id: string; customerReference: string } | null>(null);
  const paging = usePaging();
  const { draft, edit, filters, apply, input: filter, filtered } = useFilters(noFilters, paging.reset);
  const { connection: read, refetch, table } = useList<OrderRow>(ORDERS, 'orders', paging, PAGE_SIZE, { filter });

  // Every status change of the tenant's orders (of the filtered customer): rows take the newer ones in place.
  const [changes, setChanges] = useState<ReadonlyMap<string, OrderStatusChange>>(new Map());
  // Orders placed since the list was read (not on it): offered with a button rather than read at every event.
  const [placedElsewhere, setPlacedElsewhere] = useState<ReadonlySet<string>>(new Set());
  const shown = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const ids = new Set((read?.nodes ?? []).map((o) => o.id));
    shown.current = ids;
    setPlacedElsewhere((s) => (s.size === 0 ? s : new Set([...s].filter((id) => !ids.has(id)))));
  }, [read]);
  const live = useSubscription<{ orderStatusChanged: OrderStatusChange }>(
    ORDER_STATUS_CHANGED,
    { filter: { customerReference: filters.customerReference || null } },
    ({ orderStatusChanged: change }) => {
      setChanges((c) => rememberStatusChange(c, change));
      if (change.status === 'PENDING' && (!filters.status || filters.status === 'PENDING') && !shown.current.has(change.id)) setPlacedElsewhere((s) => new Set(s).add(change.id));
    },
    { onReconnected: refetch },
  );
  const connection = read && { ...read, nodes: read.nodes.map((o) => applyStatusChange(o, changes.get(o.id))) };

  return (
    <>
      <PageHeader
        title="Orders"
        description="Sales orders, newest first. Stock allocates each order moments after it is placed; statuses update live."
        actions={
          <div className="header-actions">
            <LiveBadge status={live.status} />
            <button type="button" className="button button--primary" onClick={() => setPlacing(true)}>
              Place order
            </button>
          </div>
        }
      />
      <StatusMessage message={placed && `Order for ${placed.customerReference} placed; Stock is allocating it.`} />

      <FilterToolbar label="Orders" onApply={apply}>
        <ToolbarSelect id="orders-status" label="Status" value={draft.status} options={ORDER_STATUSES} optionLabel={statusLabel} anyLabel="Any status" onChange={edit('status')} />
        <ToolbarSearch id="orders-customer" label="Customer reference" value={draft.customerReference} onChange={edit('customerReference')} />
      </FilterToolbar>

      {placedElsewhere.size > 0 && (
        <p className="notice new-orders" role="status">
          {placedElsewhere.size === 1 ? '1 new order was placed.' : `${placedElsewhere.size} new orders were placed.`}{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setPlacedElsewhere(new Set());
              paging.reset();
              refetch();
            }}
          >
            Show new orders
          </button>
        </p>
      )}

      <ConnectionTable
        what="orders"
        caption="Orders"
        {...table}
        connection={connection}
        empty={
          <EmptyState title={filtered ? 'No order matches.' : 'No orders yet.'}>
            <p>{filtered ? 'Try other filters.' : 'Place the first one with “Place order”.'}</p>
          </EmptyState>
        }
        columns={
          <>
            <th scope="col">Customer reference</th>
            <th scope="col">Status</th>
            <th scope="col">Lines</th>
            <th scope="col">Placed at</th>
          </>
        }
        row={(o) => (
          <LiveRow key={o.id} changedVersion={changes.get(o.id)?.version === o.version ? o.version : null} data-order-id={o.id}>
            <th scope="row">
              <Link to={`/orders/${o.id}`}>{o.customerReference}</Link>
            </th>
            <td data-column="status">
              <OrderStatusBadge status={o.status} />
            </td>
            <td className="orders__lines">{linesSummary(o.lines)}</td>
            <td>
              <time dateTime={o.placedAt}>{new Date(o.placedAt).toLocaleString()}</time>
            </td>
          </LiveRow>
        )}
      />

      <Dialog open={placing} title="Place order" onClose={() => setPlacing(false)}>
        {placing && (
          <PlaceOrderForm
            onCancel={() => setPlacing(false)}
            onPlaced={(order) => {
              setPlacing(false);
              setPlaced(order);
              paging.reset();
              refetch();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

const placeFields = ['customerReference'] as const;
const LINES_MESSAGE = 'Check the lines marked below.';

function PlaceOrderForm({ onCancel, onPlaced }: { onCancel: () => void; onPlaced: (order: { id: string; customerReference: string }) => void }) {
  const { request } = useSession();
  const idempotency = useIdempotencyKey();
  const { values, set, errors, busy, submit } = useForm({ customerReference: '' }, placeFields, { idempotency });
  const [lines, setLines] = useState<LineDraft[]>([{ ...emptyLine }]);
  const [lineErrors, setLineErrors] = useState<Record<number, LineErrors>>({});

  async function place(e: FormEvent) {
    e.preventDefault();
    const parsed = parseLines(lines);
    const customerReference = values.customerReference.trim();
    // What is known to be wrong before asking the server: shown all at once, as the server's errors would be.
    const refused = (byLine: Record<number, LineErrors>): UserError[] => {
      setLineErrors(byLine);
      const found: UserError[] = [{ code: 'LINES', field: null, message: LINES_MESSAGE }];
      if (!customerReference) found.push({ code: 'VALIDATION', field: 'input.customerReference', message: 'A customer reference is required.' });
      return found;
    };
    await submit(async () => {
      if (Object.keys(parsed.errors).length > 0) return refused(parsed.errors);
      // Unknown or discontinued SKUs would only come back as a rejected order: name them next to their lines now.
      const skus = parsed.lines.map((l) => l.sku);
      const lookup = skuLookup(skus);
      if (lookup.query) {
        const answer = await request<Record<string, { sku: string; status: string } | null>>(lookup.query, lookup.variables);
        const unknown = skuLookupErrors(skus, lookup.aliases, answer);
        if (Object.keys(unknown).length > 0) return refused(unknown);
      }
      const { placeOrder: result } = await request<{
        placeOrder: { order: { id: string; customerReference: string } | null; userErrors: UserError[] };
      }>(PLACE_ORDER, { input: { customerReference, lines: parsed.lines }, idempotencyKey: idempotency.key });
      const split = splitLineErrors(result.userErrors);
      setLineErrors(split.lines);
      if (result.order && result.userErrors.length === 0) {
        idempotency.renew();
        onPlaced(result.order);
        return [];
      }
      return Object.keys(split.lines).length > 0 ? [{ code: 'LINES', field: null, message: LINES_MESSAGE }, ...result.userErrors.filter((u) => split.rest.includes(u))] : split.rest;
    });
  }

  return (
    <form className="form" onSubmit={place} noValidate aria-busy={busy}>
      <FormErrors messages={errors.general} />
      <Field
        id="order-customer-reference"
        name="customerReference"
        label="Customer reference"
        errors={errors.byField.customerReference}
        required
        hint="Your customer's or cart's reference, e.g. c-1042."
      >
        {(p) => <input {...p} value={values.customerReference} onChange={set('customerReference')} data-autofocus spellCheck={false} />}
      </Field>
      <LinesEditor id="order-lines" legend="Lines" lines={lines} onChange={setLines} errors={lineErrors} />
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Placing…' : 'Place order'}
        </button>
      </div>
    </form>
  );
}
