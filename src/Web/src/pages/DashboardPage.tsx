import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useSubscription } from '../app/hooks';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, ErrorState, Loading } from '../components/States';

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

const STOCK_ALERTS = /* GraphQL */ `
  subscription StockAlerts { stockAlerts { kind sku warehouseCode available threshold raisedAt } }
`;

interface DashboardData {
  products: { totalCount: number };
  warehouses: { totalCount: number };
  lowStock: { totalCount: number; nodes: { id: string; sku: string; warehouseCode: string; available: number; reorderPoint: number }[] };
}

interface StockAlert {
  kind: 'LOW_STOCK' | 'OUT_OF_STOCK' | 'BACK_IN_STOCK';
  sku: string;
  warehouseCode: string;
  available: number;
  threshold: number;
  raisedAt: string;
}

const alertLabels: Record<StockAlert['kind'], string> = { LOW_STOCK: 'Low stock', OUT_OF_STOCK: 'Out of stock', BACK_IN_STOCK: 'Back in stock' };
const liveLabels = { connecting: 'Connecting…', live: 'Live', unavailable: 'Live updates unavailable' } as const;

export function DashboardPage() {
  const { data, error, loading, refetch } = useQuery<DashboardData>(DASHBOARD);
  const [alerts, setAlerts] = useState<StockAlert[]>([]);
  const live = useSubscription<{ stockAlerts: StockAlert }>(STOCK_ALERTS, undefined, (d) => setAlerts((a) => [d.stockAlerts, ...a].slice(0, 20)));

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
            Stock alerts <span className={`live live--${live.status}`}>{liveLabels[live.status]}</span>
          </h2>
          {alerts.length === 0 ? (
            <EmptyState title="No alerts since you opened this page." />
          ) : (
            <ul className="feed" aria-live="polite">
              {alerts.map((a, i) => (
                <li key={`${a.raisedAt}-${a.sku}-${a.warehouseCode}-${i}`} className={`feed__item feed__item--${a.kind.toLowerCase()}`}>
                  <strong>{alertLabels[a.kind]}</strong> <span className="mono">{a.sku}</span> in <span className="mono">{a.warehouseCode}</span>: {a.available} available
                  (threshold {a.threshold}) <time dateTime={a.raisedAt}>{new Date(a.raisedAt).toLocaleTimeString()}</time>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
