import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ActionMutation } from '../app/actions';
import { useQuery, useSubscription } from '../app/hooks';
import { useActions } from '../app/useActions';
import { Dialog } from '../components/Dialog';
import { FormErrors } from '../components/Field';
import { LiveBadge } from '../components/LiveBadge';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, Loading, StatusMessage } from '../components/States';
import { isAwaitingAllocation, newerOrder, orderActions, rejectionLabel, statusLabel, type OrderAction, type OrderStatus, type OrderStatusChange } from './orders';
import { ORDER_STATUS_CHANGED, OrderStatusBadge } from './OrdersPage';
import './orders.css';

const ORDER_FIELDS = /* GraphQL */ `
  fragment OrderDetailFields on Order {
    id status customerReference rejectionReason reservationId holdExpiresAt placedAt updatedAt version
    lines { lineNumber sku quantity rejectionReason allocations { warehouseCode quantity } }
  }
`;

const ORDER = /* GraphQL */ `
  query Order($id: ID!) { order(id: $id) { ...OrderDetailFields } }
  ${ORDER_FIELDS}
`;

const MUTATIONS: Record<OrderAction, ActionMutation> = {
  confirm: {
    field: 'confirmOrder',
    mutation: `mutation ConfirmOrder($id: ID!) { confirmOrder(id: $id) { order { ...OrderDetailFields } userErrors { code field message } } } ${ORDER_FIELDS}`,
  },
  ship: {
    field: 'shipOrder',
    mutation: `mutation ShipOrder($id: ID!) { shipOrder(id: $id) { order { ...OrderDetailFields } userErrors { code field message } } } ${ORDER_FIELDS}`,
  },
  cancel: {
    field: 'cancelOrder',
    mutation: `mutation CancelOrder($id: ID!) { cancelOrder(id: $id) { order { ...OrderDetailFields } userErrors { code field message } } } ${ORDER_FIELDS}`,
  },
};

const ACTION_LABELS: Record<OrderAction, { button: string; busy: string; done: string }> = {
  confirm: { button: 'Confirm', busy: 'Confirming…', done: 'Order confirmed: its stock is committed.' },
  ship: { button: 'Ship', busy: 'Shipping…', done: 'Order shipped: its stock has left the warehouse.' },
  cancel: { button: 'Cancel order', busy: 'Cancelling…', done: 'Order cancelled: its stock is released.' },
};

interface Order {
  id: string;
  status: OrderStatus;
  customerReference: string;
  rejectionReason: string | null;
  reservationId: string | null;
  holdExpiresAt: string | null;
  placedAt: string;
  updatedAt: string;
  version: number;
  lines: {
    lineNumber: number;
    sku: string;
    quantity: number;
    rejectionReason: string | null;
    allocations: { warehouseCode: string; quantity: number }[];
  }[];
}

function When({ at }: { at: string | null }) {
  return at ? <time dateTime={at}>{new Date(at).toLocaleString()}</time> : <>—</>;
}

/**
 * One order: its lines with where their stock is held, and the moves its status allows. A status change (Stock
 * allocating or rejecting it, or another user) reads the order again, so allocations appear without a reload.
 */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery<{ order: Order | null }>(ORDER, { id });
  // What the last action answered: newer than the query's answer until the query reads the order again.
  const [answered, setAnswered] = useState<Order | null>(null);
  const order = newerOrder(data?.order, answered?.id === id ? answered : null);

  const [lastEvent, setLastEvent] = useState<OrderStatusChange | null>(null);
  const live = useSubscription<{ orderStatusChanged: OrderStatusChange }>(
    ORDER_STATUS_CHANGED,
    { filter: { ids: [id] } },
    ({ orderStatusChanged: change }) => {
      setLastEvent(change);
      // Only a change newer than what is shown is worth a read (an action's own change is already shown).
      if (!order || change.version > order.version) refetch();
    },
    { skip: !id, onReconnected: refetch },
  );

  // The order's mutations take no idempotency key; a refusal reads the order again, as it may have moved meanwhile.
  const { busy, errors, run: runAction } = useActions<OrderAction, Order>('order', MUTATIONS, { keyVariable: null, onRefused: refetch });
  const [message, setMessage] = useState<string | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);

  async function run(action: OrderAction) {
    setMessage(null);
    const changed = await runAction(action, { id });
    if (changed) {
      setAnswered(changed);
      setMessage(ACTION_LABELS[action].done);
    }
  }

  if (!order) {
    return (
      <>
        <Link className="back-link" to="/orders">
          ← Orders
        </Link>
        <PageHeader title="Order" />
        {error && <ErrorState title="The order could not be loaded." error={error} onRetry={refetch} />}
        {!error && loading && <Loading what="the order" />}
        {!error && !loading && (
          <EmptyState title="No such order.">
            <p>It may belong to another tenant, or the link is wrong.</p>
          </EmptyState>
        )}
      </>
    );
  }

  const actions = orderActions(order.status);
  return (
    <>
      <Link className="back-link" to="/orders">
        ← Orders
      </Link>
      <PageHeader title={`Order ${order.customerReference}`} description={`Placed ${new Date(order.placedAt).toLocaleString()}.`} actions={<LiveBadge status={live.status} />} />
      <StatusMessage message={message} />
      {error && <ErrorState title="The order could not be read again." error={error} onRetry={refetch} />}

      <dl className="detail">
        <div>
          <dt>Status</dt>
          <dd data-testid="order-status">
            <OrderStatusBadge status={order.status} />
          </dd>
        </div>
        <div>
          <dt>Customer reference</dt>
          <dd>{order.customerReference}</dd>
        </div>
        <div>
          <dt>Hold expires</dt>
          <dd>{order.status === 'RESERVED' ? <When at={order.holdExpiresAt} /> : '—'}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <When at={order.updatedAt} />
          </dd>
        </div>
      </dl>

      {isAwaitingAllocation(order.status) && (
        <p className="awaiting" role="status">
          <span className="spinner" aria-hidden="true" /> Waiting for Stock to allocate the order…
        </p>
      )}
      {order.status === 'REJECTED' && (
        <div className="rejection" role="alert">
          <p>
            <strong>Rejected:</strong> {order.rejectionReason ?? lastEvent?.reason ?? 'Stock could not allocate the order.'}
          </p>
        </div>
      )}

      <FormErrors messages={errors} />
      {actions.length > 0 && (
        <div className="detail-actions" role="group" aria-label="Order actions">
          {actions.includes('confirm') && (
            <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void run('confirm')}>
              {busy === 'confirm' ? ACTION_LABELS.confirm.busy : ACTION_LABELS.confirm.button}
            </button>
          )}
          {actions.includes('ship') && (
            <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void run('ship')}>
              {busy === 'ship' ? ACTION_LABELS.ship.busy : ACTION_LABELS.ship.button}
            </button>
          )}
          {actions.includes('cancel') && (
            <button type="button" className="button button--danger" disabled={busy !== null} onClick={() => setConfirmingCancel(true)}>
              {busy === 'cancel' ? ACTION_LABELS.cancel.busy : ACTION_LABELS.cancel.button}
            </button>
          )}
        </div>
      )}

      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Order lines</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">SKU</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col">Allocations</th>
              <th scope="col">Rejection</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l) => (
              <tr key={l.lineNumber}>
                <td className="num">{l.lineNumber}</td>
                <th scope="row" className="mono">
                  {l.sku}
                </th>
                <td className="num">{l.quantity}</td>
                <td data-column="allocations">
                  {l.allocations.length === 0 ? (
                    <span className="muted">{order.status === 'PENDING' ? 'Not allocated yet' : '—'}</span>
                  ) : (
                    <ul className="allocations">
                      {l.allocations.map((a) => (
                        <li key={a.warehouseCode}>
                          <span className="mono">{a.warehouseCode}</span> × {a.quantity}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-column="rejection" className={l.rejectionReason ? 'rejection-cell' : undefined}>
                  {l.rejectionReason ? rejectionLabel(l.rejectionReason) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Dialog open={confirmingCancel} title="Cancel this order?" onClose={() => setConfirmingCancel(false)}>
        {confirmingCancel && (
          <div className="form">
            <p>
              The order for {order.customerReference} is {statusLabel(order.status).toLowerCase()}. Cancelling it releases the stock it holds; it cannot be undone.
            </p>
            <div className="form__actions">
              <button type="button" className="button" onClick={() => setConfirmingCancel(false)} data-autofocus>
                Keep order
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  setConfirmingCancel(false);
                  void run('cancel');
                }}
              >
                Cancel order
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
