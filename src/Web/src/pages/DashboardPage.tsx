import { useState } from 'react';
import { Link } from 'react-router';
import type { UserError } from '../api/graphql';
import { useQuery, useSubscription } from '../app/hooks';
import { usePaging } from '../app/paging';
import { useSession } from '../app/session';
import { CONNECTION_FIELDS, type Connection } from '../components/ConnectionTable';
import { LiveBadge } from '../components/LiveBadge';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { EmptyState, ErrorState, Loading, StatusMessage } from '../components/States';

const DASHBOARD = /* GraphQL */ `
  query Dashboard {
    products(first: 1) { totalCount }
    warehouses(first: 1) { totalCount }
    lowStock: stockLevels(first: 10, filter: { belowReorderPoint: true }) {
      totalCount
      nodes { id sku warehouseCode available reorderPoint }
    }
  }
`;

const ALERT_FIELDS = 'id kind sku warehouseCode available threshold raisedAt acknowledged';

const STOCK_ALERTS = /* GraphQL */ `
  subscription StockAlerts { stockAlerts { ${ALERT_FIELDS} } }
`;

const UNACKNOWLEDGED_ALERTS = /* GraphQL */ `
  query UnacknowledgedAlerts($first: Int!, $after: String) {
    alerts(first: $first, after: $after, filter: { acknowledged: false }) {
      ${CONNECTION_FIELDS}
      nodes { ${ALERT_FIELDS} }
    }
  }
`;

const ACKNOWLEDGE = /* GraphQL */ `
  mutation AcknowledgeAlert($id: ID!) {
    acknowledgeAlert(id: $id) { alert { id acknowledged } userErrors { code field message } }
  }
`;

const ALERTS_PAGE_SIZE = 10;
/** Live alerts kept above the list, newest first; older ones are on the list's pages after a refresh. */
const LIVE_ALERTS_KEPT = 20;

interface DashboardData {
  products: { totalCount: number };
  warehouses: { totalCount: number };
  lowStock: { totalCount: number; nodes: { id: string; sku: string; warehouseCode: string; available: number; reorderPoint: number }[] };
}

interface StockAlert {
  id: string;
  kind: 'LOW_STOCK' | 'OUT_OF_STOCK' | 'BACK_IN_STOCK';
  sku: string;
  warehouseCode: string;
  available: number;
  threshold: number;
  raisedAt: string;
  acknowledged: boolean;
}

const alertLabels: Record<StockAlert['kind'], string> = { LOW_STOCK: 'Low stock', OUT_OF_STOCK: 'Out of stock', BACK_IN_STOCK: 'Back in stock' };

export function DashboardPage() {
  const { data, error, loading, refetch } = useQuery<DashboardData>(DASHBOARD);
  const { request } = useSession();
  const paging = usePaging();
  const inbox = useQuery<{ alerts: Connection<StockAlert> }>(UNACKNOWLEDGED_ALERTS, { first: ALERTS_PAGE_SIZE, after: paging.after });
  const [liveAlerts, setLiveAlerts] = useState<StockAlert[]>([]);
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());
  const [ackErrors, setAckErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const live = useSubscription<{ stockAlerts: StockAlert }>(
    STOCK_ALERTS,
    undefined,
    (d) => {
      setLiveAlerts((a) => [d.stockAlerts, ...a.filter((x) => x.id !== d.stockAlerts.id)].slice(0, LIVE_ALERTS_KEPT));
      // The counts and the low-stock list move with the alerts: one small query, not a reload of lists.
      refetch();
    },
    {
      onReconnected: () => {
        refetch();
        inbox.refetch();
      },
    },
  );

  // The live alerts first (on the first page), then the page of stored ones; acknowledged ones leave.
  const stored = inbox.data?.alerts.nodes ?? [];
  const storedIds = new Set(stored.map((a) => a.id));
  const shownAlerts = [...(paging.page === 1 ? liveAlerts.filter((a) => !storedIds.has(a.id)) : []), ...stored].filter((a) => !acknowledged.has(a.id));
  const newCount = liveAlerts.filter((a) => !storedIds.has(a.id) && !acknowledged.has(a.id)).length;
  const unacknowledgedCount = inbox.data ? Math.max(0, inbox.data.alerts.totalCount + newCount - [...acknowledged].filter((id) => storedIds.has(id)).length) : undefined;

  async function acknowledge(alert: StockAlert) {
    setBusy(alert.id);
    setAckErrors(({ [alert.id]: _, ...rest }) => rest);
    try {
      const { acknowledgeAlert } = await request<{ acknowledgeAlert: { alert: { id: string; acknowledged: boolean } | null; userErrors: UserError[] } }>(ACKNOWLEDGE, { id: alert.id });
      if (acknowledgeAlert.alert && acknowledgeAlert.userErrors.length === 0) {
        setAcknowledged((s) => new Set(s).add(alert.id));
        setMessage(`${alertLabels[alert.kind]} alert for ${alert.sku} in ${alert.warehouseCode} acknowledged.`);
      } else {
        setAckErrors((e) => ({ ...e, [alert.id]: acknowledgeAlert.userErrors.map((u) => u.message).join(' ') }));
      }
    } catch (error) {
      setAckErrors((e) => ({ ...e, [alert.id]: (error as Error).message }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeader title="Dashboard" />
      {error && <ErrorState title="The dashboard could not be loaded." error={error} onRetry={refetch} />}
      {!data && loading && <Loading what="the dashboard" />}
      {data && (
        <div className="cards">
          <section className="card" aria-labelledby="card-products">
            <h2 id="card-products">Products</h2>
            <p className="card__figure">{data.products.totalCount}</p>
            <Link to="/products">Manage products</Link>
          </section>
          <section className="card" aria-labelledby="card-warehouses">
            <h2 id="card-warehouses">Warehouses</h2>
            <p className="card__figure">{data.warehouses.totalCount}</p>
            <Link to="/warehouses">Manage warehouses</Link>
          </section>
          <section className="card" aria-labelledby="card-low">
            <h2 id="card-low">At or below reorder point</h2>
            <p className="card__figure">{data.lowStock.totalCount}</p>
          </section>
        </div>
      )}
      <div className="panels">
        <section className="panel" aria-labelledby="low-stock-title">
          <h2 id="low-stock-title">Low stock</h2>
          {data &&
            (data.lowStock.nodes.length === 0 ? (
              <EmptyState title="Nothing is at or below its reorder point." />
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">SKU</th>
                      <th scope="col">Warehouse</th>
                      <th scope="col" className="num">Available</th>
                      <th scope="col" className="num">Reorder point</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.lowStock.nodes.map((l) => (
                      <tr key={l.id}>
                        <th scope="row" className="mono">{l.sku}</th>
                        <td className="mono">{l.warehouseCode}</td>
                        <td className="num">{l.available}</td>
                        <td className="num">{l.reorderPoint}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
        </section>
        <section className="panel" aria-labelledby="alerts-title">
          <h2 id="alerts-title">
            Stock alerts to acknowledge{unacknowledgedCount !== undefined && <span className="panel__count"> ({unacknowledgedCount})</span>} <LiveBadge status={live.status} />
          </h2>
          <StatusMessage message={message} />
          {inbox.error && <ErrorState title="The alerts could not be loaded." error={inbox.error} onRetry={inbox.refetch} />}
          {!inbox.data && inbox.loading && <Loading what="the alerts" />}
          {inbox.data &&
            (shownAlerts.length === 0 ? (
              <EmptyState title="No alert to acknowledge." />
            ) : (
              <ul className="feed" aria-label="Unacknowledged stock alerts">
                {shownAlerts.map((a) => {
                  const errorId = `alert-${a.id}-error`;
                  return (
                    <li key={a.id} className={`feed__item feed__item--${a.kind.toLowerCase()}`}>
                      <div className="feed__text">
                        <strong>{alertLabels[a.kind]}</strong> <span className="mono">{a.sku}</span> in <span className="mono">{a.warehouseCode}</span>: {a.available} available
                        {a.kind === 'LOW_STOCK' && ` (reorder point ${a.threshold})`} <time dateTime={a.raisedAt}>{new Date(a.raisedAt).toLocaleString()}</time>
                        {ackErrors[a.id] && (
                          <p id={errorId} className="field__error">
                            <span aria-hidden="true">⚠ </span>
                            {ackErrors[a.id]}
                          </p>
                        )}
                      </div>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => void acknowledge(a)}
                        disabled={busy === a.id}
                        aria-label={`Acknowledge ${alertLabels[a.kind].toLowerCase()} alert for ${a.sku} in ${a.warehouseCode}`}
                        aria-describedby={ackErrors[a.id] ? errorId : undefined}
                      >
                        {busy === a.id ? 'Acknowledging…' : 'Acknowledge'}
                      </button>
                    </li>
                  );
                })}
              </ul>
            ))}
          {inbox.data && (inbox.data.alerts.pageInfo.hasNextPage || paging.page > 1) && (
            <Pager
              label="Alert pages"
              page={paging.page}
              pageSize={ALERTS_PAGE_SIZE}
              shown={inbox.data.alerts.nodes.length}
              totalCount={inbox.data.alerts.totalCount}
              hasNext={inbox.data.alerts.pageInfo.hasNextPage}
              onPrevious={paging.previous}
              onNext={() => paging.next(inbox.data!.alerts.pageInfo.endCursor)}
            />
          )}
        </section>
      </div>
    </>
  );
}
