import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { UserError } from '../api/graphql';
import { useQuery } from '../app/hooks';
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
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, Loading, StatusMessage } from '../components/States';
import { WarehouseSelect } from '../components/WarehouseSelect';
import { statusLabel } from './orders';
import {
  buildReceipt,
  expectedAtFromDate,
  formatExpectedAt,
  isOpen,
  PURCHASE_ORDER_STATUSES,
  receiptDrafts,
  receiptErrors,
  receivedSummary,
  type PurchaseOrderLine,
  type PurchaseOrderStatus,
} from './purchaseOrders';
import './orders.css';

const PAGE_SIZE = 20;

const PO_FIELDS = /* GraphQL */ `
  fragment PurchaseOrderFields on PurchaseOrder {
    id status supplier warehouseCode expectedAt reference createdAt updatedAt
    lines { lineNumber sku quantity received remaining }
  }
`;

const PURCHASE_ORDERS = /* GraphQL */ `
  query PurchaseOrders($first: Int!, $after: String, $filter: PurchaseOrderFilterInput) {
    purchaseOrders(first: $first, after: $after, filter: $filter) {
      ${CONNECTION_FIELDS}
      nodes { ...PurchaseOrderFields }
    }
  }
  ${PO_FIELDS}
`;

const PURCHASE_ORDER = /* GraphQL */ `
  query PurchaseOrder($id: ID!) { purchaseOrder(id: $id) { ...PurchaseOrderFields } }
  ${PO_FIELDS}
`;

const CREATE = /* GraphQL */ `
  mutation CreatePurchaseOrder($input: CreatePurchaseOrderInput!, $idempotencyKey: String) {
    createPurchaseOrder(input: $input, idempotencyKey: $idempotencyKey) { purchaseOrder { ...PurchaseOrderFields } userErrors { code field message } }
  }
  ${PO_FIELDS}
`;

const RECEIVE = /* GraphQL */ `
  mutation ReceivePurchaseOrder($id: ID!, $lines: [PurchaseOrderLineInput!]!, $idempotencyKey: String) {
    receivePurchaseOrder(id: $id, lines: $lines, idempotencyKey: $idempotencyKey) { purchaseOrder { ...PurchaseOrderFields } userErrors { code field message } }
  }
  ${PO_FIELDS}
`;

const CLOSE = /* GraphQL */ `
  mutation ClosePurchaseOrder($id: ID!, $idempotencyKey: String) {
    closePurchaseOrder(id: $id, idempotencyKey: $idempotencyKey) { purchaseOrder { ...PurchaseOrderFields } userErrors { code field message } }
  }
  ${PO_FIELDS}
`;

interface PurchaseOrder {
  id: string;
  status: PurchaseOrderStatus;
  supplier: string;
  warehouseCode: string;
  expectedAt: string | null;
  reference: string;
  createdAt: string;
  updatedAt: string;
  lines: PurchaseOrderLine[];
}

function PurchaseOrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  return (
    <span className={`badge po-status po-status--${status.toLowerCase()}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}

/** Purchase orders, newest first, with a status filter; each links to its detail, where it is received or closed. */
export function PurchaseOrdersPage() {
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const paging = usePaging();
  const { draft, edit, filters, apply } = useFilters<{ status: '' | PurchaseOrderStatus }>({ status: '' }, paging.reset);
  const { status } = filters;
  const { refetch, table } = useList<PurchaseOrder>(PURCHASE_ORDERS, 'purchaseOrders', paging, PAGE_SIZE, { filter: status ? { status } : null });

  return (
    <>
      <PageHeader
        title="Purchase orders"
        description="Stock ordered from suppliers: incoming at a warehouse until it is received or the order is closed."
        actions={
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New purchase order
          </button>
        }
      />
      <StatusMessage message={message} />
      <FilterToolbar label="Purchase orders" onApply={apply}>
        <ToolbarSelect id="po-status" label="Status" value={draft.status} options={PURCHASE_ORDER_STATUSES} optionLabel={statusLabel} anyLabel="Any status" onChange={edit('status')} />
      </FilterToolbar>
      <ConnectionTable
        what="purchase orders"
        caption="Purchase orders"
        {...table}
        empty={
          <EmptyState title={status ? 'No purchase order matches.' : 'No purchase orders yet.'}>
            <p>{status ? 'Try another status.' : 'Create the first one with “New purchase order”.'}</p>
          </EmptyState>
        }
        columns={
          <>
            <th scope="col">Supplier</th>
            <th scope="col">Warehouse</th>
            <th scope="col">Status</th>
            <th scope="col">Lines</th>
            <th scope="col" className="num">
              Received
            </th>
            <th scope="col">Expected</th>
            <th scope="col">Created</th>
          </>
        }
        row={(po) => (
          <tr key={po.id} data-purchase-order-id={po.id}>
            <th scope="row">
              <Link to={`/purchase-orders/${po.id}`}>{po.supplier}</Link>
            </th>
            <td className="mono">{po.warehouseCode}</td>
            <td data-column="status">
              <PurchaseOrderStatusBadge status={po.status} />
            </td>
            <td className="orders__lines">{po.lines.map((l) => `${l.sku} × ${l.quantity}`).join(', ')}</td>
            <td className="num">{receivedSummary(po.lines)}</td>
            <td>{formatExpectedAt(po.expectedAt)}</td>
            <td>
              <time dateTime={po.createdAt}>{new Date(po.createdAt).toLocaleString()}</time>
            </td>
          </tr>
        )}
      />
      <Dialog open={creating} title="New purchase order" onClose={() => setCreating(false)}>
        {creating && (
          <CreatePurchaseOrderForm
            onCancel={() => setCreating(false)}
            onCreated={(po) => {
              setCreating(false);
              setMessage(`Purchase order from ${po.supplier} created: ${po.lines.length} ${po.lines.length === 1 ? 'line' : 'lines'} incoming at ${po.warehouseCode}.`);
              paging.reset();
              refetch();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

const createFields = ['supplier', 'warehouseCode', 'expectedAt'] as const;
const LINES_MESSAGE = 'Check the lines marked below.';

function CreatePurchaseOrderForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (po: PurchaseOrder) => void }) {
  const { request } = useSession();
  const idempotency = useIdempotencyKey();
  const { values, set, setValues, errors, busy, submit } = useForm({ supplier: '', warehouseCode: '', expectedAt: '' }, createFields, { idempotency });
  const [lines, setLines] = useState<LineDraft[]>([{ ...emptyLine }]);
  const [lineErrors, setLineErrors] = useState<Record<number, LineErrors>>({});

  async function create(e: FormEvent) {
    e.preventDefault();
    const parsed = parseLines(lines);
    await submit(async () => {
      if (Object.keys(parsed.errors).length > 0) {
        setLineErrors(parsed.errors);
        return [{ code: 'LINES', field: null, message: LINES_MESSAGE }];
      }
      const { createPurchaseOrder: result } = await request<{ createPurchaseOrder: { purchaseOrder: PurchaseOrder | null; userErrors: UserError[] } }>(CREATE, {
        input: {
          supplier: values.supplier.trim(),
          warehouseCode: values.warehouseCode.trim(),
          lines: parsed.lines,
          expectedAt: expectedAtFromDate(values.expectedAt),
        },
        idempotencyKey: idempotency.key,
      });
      const split = splitLineErrors(result.userErrors);
      setLineErrors(split.lines);
      if (result.purchaseOrder && result.userErrors.length === 0) {
        idempotency.renew();
        onCreated(result.purchaseOrder);
        return [];
      }
      return Object.keys(split.lines).length > 0 ? [{ code: 'LINES', field: null, message: LINES_MESSAGE }, ...split.rest] : split.rest;
    });
  }

  return (
    <form className="form" onSubmit={create} noValidate aria-busy={busy}>
      <FormErrors messages={errors.general} />
      <div className="form__grid">
        <Field id="po-supplier" name="supplier" label="Supplier" errors={errors.byField.supplier} required>
          {(p) => <input {...p} value={values.supplier} onChange={set('supplier')} data-autofocus />}
        </Field>
        <Field id="po-warehouse" name="warehouseCode" label="Warehouse" errors={errors.byField.warehouseCode} required>
          {(p) => <WarehouseSelect control={p} value={values.warehouseCode} onChange={(warehouseCode) => setValues((v) => ({ ...v, warehouseCode }))} />}
        </Field>
        <Field id="po-expected" name="expectedAt" label="Expected on" errors={errors.byField.expectedAt} hint="Optional.">
          {(p) => <input {...p} type="date" value={values.expectedAt} onChange={set('expectedAt')} />}
        </Field>
      </div>
      <LinesEditor id="po-lines" legend="Lines" lines={lines} onChange={setLines} errors={lineErrors} />
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create purchase order'}
        </button>
      </div>
    </form>
  );
}

/** One purchase order: its lines with ordered and received quantities, a receipt form while open, and Close. */
export function PurchaseOrderDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery<{ purchaseOrder: PurchaseOrder | null }>(PURCHASE_ORDER, { id });
  const [answered, setAnswered] = useState<PurchaseOrder | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The last write's answer wins over the query's until the page is read again.
  const po = answered?.id === id && (!data?.purchaseOrder || answered.updatedAt >= data.purchaseOrder.updatedAt) ? answered : data?.purchaseOrder;

  if (!po) {
    return (
      <>
        <Link className="back-link" to="/purchase-orders">
          ← Purchase orders
        </Link>
        <PageHeader title="Purchase order" />
        {error && <ErrorState title="The purchase order could not be loaded." error={error} onRetry={refetch} />}
        {!error && loading && <Loading what="the purchase order" />}
        {!error && !loading && (
          <EmptyState title="No such purchase order.">
            <p>It may belong to another tenant, or the link is wrong.</p>
          </EmptyState>
        )}
      </>
    );
  }

  const changed = (next: PurchaseOrder, what: string) => {
    setAnswered(next);
    setMessage(what);
  };

  return (
    <>
      <Link className="back-link" to="/purchase-orders">
        ← Purchase orders
      </Link>
      <PageHeader title={`Purchase order from ${po.supplier}`} description={`Reference ${po.reference}.`} />
      <StatusMessage message={message} />
      <dl className="detail">
        <div>
          <dt>Status</dt>
          <dd data-testid="purchase-order-status">
            <PurchaseOrderStatusBadge status={po.status} />
          </dd>
        </div>
        <div>
          <dt>Warehouse</dt>
          <dd className="mono">{po.warehouseCode}</dd>
        </div>
        <div>
          <dt>Expected</dt>
          <dd>{formatExpectedAt(po.expectedAt)}</dd>
        </div>
        <div>
          <dt>Received</dt>
          <dd>{receivedSummary(po.lines)}</dd>
        </div>
      </dl>
      {/* Keyed by updatedAt: after a receipt the form starts again from what is still outstanding. */}
      <ReceiptForm po={po} onChanged={changed} />
    </>
  );
}

function ReceiptForm({ po, onChanged }: { po: PurchaseOrder; onChanged: (po: PurchaseOrder, what: string) => void }) {
  const { request } = useSession();
  const receiveKey = useIdempotencyKey();
  const closeKey = useIdempotencyKey();
  const open = isOpen(po.status);
  const [drafts, setDrafts] = useState<Record<number, string>>(() => receiptDrafts(po.lines));
  // A receipt (here or elsewhere) changes what is outstanding: the quantities start again from it. The form stays
  // mounted, so focus stays where it was.
  const [draftsFor, setDraftsFor] = useState(po.updatedAt);
  if (draftsFor !== po.updatedAt) {
    setDraftsFor(po.updatedAt);
    setDrafts(receiptDrafts(po.lines));
  }
  const [lineErrors, setLineErrors] = useState<Record<number, string[]>>({});
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState<'receive' | 'close' | null>(null);
  const [confirmingClose, setConfirmingClose] = useState(false);

  async function receive(e: FormEvent) {
    e.preventDefault();
    const receipt = buildReceipt(po.lines, drafts);
    setLineErrors(receipt.errors);
    setErrors([]);
    if (Object.keys(receipt.errors).length > 0) {
      setErrors([LINES_MESSAGE]);
      return;
    }
    if (receipt.empty) {
      setErrors(['Enter a quantity above zero on at least one line.']);
      return;
    }
    setBusy('receive');
    try {
      const { receivePurchaseOrder: result } = await request<{ receivePurchaseOrder: { purchaseOrder: PurchaseOrder | null; userErrors: UserError[] } }>(RECEIVE, {
        id: po.id,
        lines: receipt.lines,
        idempotencyKey: receiveKey.key,
      });
      if (result.purchaseOrder && result.userErrors.length === 0) {
        receiveKey.renew();
        const units = receipt.lines.reduce((s, l) => s + l.quantity, 0);
        onChanged(result.purchaseOrder, `Received ${units} ${units === 1 ? 'unit' : 'units'}: now ${statusLabel(result.purchaseOrder.status).toLowerCase()}.`);
        return;
      }
      const mapped = receiptErrors(result.userErrors, receipt.sent);
      setLineErrors(mapped.byLine);
      setErrors([...(Object.keys(mapped.byLine).length > 0 ? [LINES_MESSAGE] : []), ...mapped.rest.map((u) => u.message)]);
    } catch (err) {
      setErrors([(err as Error).message]);
    } finally {
      setBusy(null);
    }
  }

  async function close() {
    setConfirmingClose(false);
    setBusy('close');
    setErrors([]);
    setLineErrors({});
    try {
      const { closePurchaseOrder: result } = await request<{ closePurchaseOrder: { purchaseOrder: PurchaseOrder | null; userErrors: UserError[] } }>(CLOSE, {
        id: po.id,
        idempotencyKey: closeKey.key,
      });
      if (result.purchaseOrder && result.userErrors.length === 0) {
        closeKey.renew();
        onChanged(result.purchaseOrder, 'Purchase order closed: what was not received is no longer incoming.');
      } else setErrors(result.userErrors.map((u) => u.message));
    } catch (err) {
      setErrors([(err as Error).message]);
    } finally {
      setBusy(null);
    }
  }

  return (
    <form className="form receipt" onSubmit={receive} noValidate aria-busy={busy !== null} aria-label="Receipt">
      <h2 className="section-title">Lines</h2>
      <FormErrors messages={errors} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Purchase order lines</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">SKU</th>
              <th scope="col" className="num">
                Ordered
              </th>
              <th scope="col" className="num">
                Received
              </th>
              <th scope="col" className="num">
                Outstanding
              </th>
              {open && <th scope="col">Receive now</th>}
            </tr>
          </thead>
          <tbody>
            {po.lines.map((l) => {
              const inputId = `po-receive-${l.lineNumber}`;
              const lineError = lineErrors[l.lineNumber];
              return (
                <tr key={l.lineNumber} data-line={l.lineNumber}>
                  <td className="num">{l.lineNumber}</td>
                  <th scope="row" className="mono">
                    {l.sku}
                  </th>
                  <td className="num" data-column="ordered">
                    {l.quantity}
                  </td>
                  <td className="num" data-column="received">
                    {l.received}
                  </td>
                  <td className="num" data-column="remaining">
                    {l.remaining}
                  </td>
                  {open && (
                    <td>
                      <div className={lineError ? 'field field--invalid' : 'field'}>
                        <label htmlFor={inputId} className="visually-hidden">
                          Receive {l.sku}
                        </label>
                        <input
                          id={inputId}
                          name={`lines[${l.lineNumber}].quantity`}
                          type="number"
                          min={0}
                          step={1}
                          inputMode="numeric"
                          value={drafts[l.lineNumber] ?? ''}
                          onChange={(e) => setDrafts({ ...drafts, [l.lineNumber]: e.target.value })}
                          aria-invalid={lineError ? true : undefined}
                          aria-errormessage={lineError ? `${inputId}-error` : undefined}
                          aria-describedby={lineError ? `${inputId}-error` : undefined}
                        />
                        {lineError && (
                          <p id={`${inputId}-error`} className="field__error">
                            <span aria-hidden="true">⚠ </span>
                            {lineError.join(' ')}
                          </p>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {open ? (
        <div className="form__actions">
          <button type="button" className="button button--danger" disabled={busy !== null} onClick={() => setConfirmingClose(true)}>
            {busy === 'close' ? 'Closing…' : 'Close purchase order'}
          </button>
          <button type="submit" className="button button--primary" disabled={busy !== null}>
            {busy === 'receive' ? 'Receiving…' : 'Receive'}
          </button>
        </div>
      ) : (
        <p className="muted">{po.status === 'CLOSED' ? 'Closed: nothing more is expected.' : 'Everything ordered has been received.'}</p>
      )}
      <Dialog open={confirmingClose} title="Close this purchase order?" onClose={() => setConfirmingClose(false)}>
        {confirmingClose && (
          <div className="form">
            <p>What was not received ({po.lines.reduce((s, l) => s + l.remaining, 0)} units) will no longer be incoming at {po.warehouseCode}.</p>
            <div className="form__actions">
              <button type="button" className="button" onClick={() => setConfirmingClose(false)} data-autofocus>
                Keep open
              </button>
              <button type="button" className="button button--danger" onClick={() => void close()}>
                Close purchase order
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </form>
  );
}
