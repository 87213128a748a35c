import { useState, type FormEvent } from 'react';
import type { UserError } from '../api/graphql';
import { useSubscription } from '../app/hooks';
import { useIdempotencyKey } from '../app/idempotency';
import { useActions } from '../app/useActions';
import { usePaging } from '../app/paging';
import { useList } from '../app/useList';
import { useFilters } from '../app/useFilters';
import { useSession } from '../app/session';
import { useForm } from '../app/useForm';
import { CONNECTION_FIELDS, ConnectionTable } from '../components/ConnectionTable';
import { Dialog } from '../components/Dialog';
import { Field, FormErrors } from '../components/Field';
import { FilterToolbar, ToolbarSelect } from '../components/FilterToolbar';
import { LiveBadge } from '../components/LiveBadge';
import { PageHeader } from '../components/PageHeader';
import { RowActions } from '../components/RowActions';
import { EmptyState, StatusMessage } from '../components/States';
import { ToolbarSearch } from '../components/ToolbarSearch';
import { parseWholeNumber } from '../app/numbers';
import {
  applyExpiry,
  describeReservationLine,
  reservationActionLabels,
  reservationActions,
  reservationDone,
  reservationStatusLabels,
  reservationStatuses,
  type ReservationAction,
  type ReservationStatus,
} from './reservations';
import './stock-forms.css';

const PAGE_SIZE = 20;

const RESERVATION_FIELDS = 'id status reference expiresAt lines { sku warehouseCode quantity } actor createdAt updatedAt';

const RESERVATIONS = /* GraphQL */ `
  query Reservations($first: Int!, $after: String, $filter: ReservationFilterInput) {
    reservations(first: $first, after: $after, filter: $filter) {
      ${CONNECTION_FIELDS}
      nodes { ${RESERVATION_FIELDS} }
    }
  }
`;

const RESERVATION_EXPIRED = /* GraphQL */ `
  subscription ReservationExpired($filter: ReservationExpiredFilterInput) {
    reservationExpired(filter: $filter) { reservationId reference expiredAt }
  }
`;

const MUTATIONS: Record<Exclude<ReservationAction, 'extend'>, { field: string; mutation: string; busy: string }> = {
  release: {
    field: 'releaseReservation',
    busy: 'Releasing…',
    mutation: `mutation ReleaseReservation($id: ID!, $key: String) { releaseReservation(id: $id, idempotencyKey: $key) { reservation { ${RESERVATION_FIELDS} } userErrors { code field message } } }`,
  },
  commit: {
    field: 'commitReservation',
    busy: 'Committing…',
    mutation: `mutation CommitReservation($id: ID!, $key: String) { commitReservation(id: $id, idempotencyKey: $key) { reservation { ${RESERVATION_FIELDS} } userErrors { code field message } } }`,
  },
  fulfil: {
    field: 'fulfilReservation',
    busy: 'Fulfilling…',
    mutation: `mutation FulfilReservation($id: ID!, $key: String) { fulfilReservation(id: $id, idempotencyKey: $key) { reservation { ${RESERVATION_FIELDS} } userErrors { code field message } } }`,
  },
};

const EXTEND = /* GraphQL */ `
  mutation ExtendReservation($id: ID!, $ttlSeconds: Int!, $key: String) {
    extendReservation(id: $id, ttlSeconds: $ttlSeconds, idempotencyKey: $key) { reservation { ${RESERVATION_FIELDS} } userErrors { code field message } }
  }
`;

interface Reservation {
  id: string;
  status: ReservationStatus;
  reference: string | null;
  expiresAt: string;
  lines: { sku: string; warehouseCode: string; quantity: number }[];
  actor: string;
  createdAt: string;
  updatedAt: string;
}

interface ReservationPayload {
  reservation: Reservation | null;
  userErrors: UserError[];
}

interface Filters {
  status: ReservationStatus | '';
  reference: string;
}

const noFilters: Filters = { status: '', reference: '' };

/** Reservations, newest first: held stock expires unless committed; rows follow expiries live. */
export function ReservationsPage() {
  const paging = usePaging();
  const { draft, edit, filters, apply, input: filter, filtered } = useFilters(noFilters, paging.reset);
  const [message, setMessage] = useState<string | null>(null);
  const [extending, setExtending] = useState<Reservation | null>(null);
  // Reservations changed here or expired since the page was read, newest answer per id.
  const [changed, setChanged] = useState<Record<string, Reservation>>({});
  const [expired, setExpired] = useState<ReadonlySet<string>>(new Set());

  const { connection: read, refetch, table } = useList<Reservation>(RESERVATIONS, 'reservations', paging, PAGE_SIZE, { filter });

  const live = useSubscription<{ reservationExpired: { reservationId: string } }>(
    RESERVATION_EXPIRED,
    { filter: filters.reference ? { reference: filters.reference } : null },
    (d) => setExpired((s) => new Set(s).add(d.reservationExpired.reservationId.toLowerCase())),
    { onReconnected: refetch },
  );

  const connection = read && {
    ...read,
    nodes: read.nodes.map((n) => {
      const mine = changed[n.id];
      const row = mine && Date.parse(mine.updatedAt) > Date.parse(n.updatedAt) ? mine : n;
      return applyExpiry(row, expired);
    }),
  };

  function done(action: ReservationAction, r: Reservation) {
    setChanged((c) => ({ ...c, [r.id]: r }));
    setMessage(reservationDone(action, r));
    refetch();
  }

  return (
    <>
      <PageHeader
        title="Reservations"
        description="Stock held for carts and orders. Held stock expires unless it is committed; committed stock waits to be fulfilled."
        actions={<LiveBadge status={live.status} />}
      />
      <StatusMessage message={message} />

      <FilterToolbar label="Reservations" onApply={apply}>
        <ToolbarSelect id="reservation-status-filter" label="Status" value={draft.status} options={reservationStatuses} optionLabel={(s) => reservationStatusLabels[s]} onChange={edit('status')} />
        <ToolbarSearch id="reservation-reference" label="Reference" value={draft.reference} onChange={edit('reference')} />
      </FilterToolbar>

      <ConnectionTable
        what="reservations"
        caption="Reservations"
        {...table}
        connection={connection}
        empty={
          <EmptyState title={filtered ? 'No reservation matches.' : 'No reservations yet.'}>
            <p>{filtered ? 'Try another status or reference.' : 'Reservations appear when carts or orders reserve stock.'}</p>
          </EmptyState>
        }
        columns={
          <>
            <th scope="col">Reference</th>
            <th scope="col">Status</th>
            <th scope="col">Lines</th>
            <th scope="col">Expires at</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </>
        }
        row={(r) => (
          <tr key={r.id}>
            <th scope="row">{r.reference ?? <span className="mono">{r.id.slice(0, 8)}</span>}</th>
            <td>
              <span className={`badge badge--${r.status.toLowerCase()}`} data-column="status">
                {reservationStatusLabels[r.status]}
              </span>
            </td>
            <td>
              <ul className="line-list">
                {r.lines.map((l) => (
                  <li key={`${l.sku}-${l.warehouseCode}`} className="mono">
                    {describeReservationLine(l)}
                  </li>
                ))}
              </ul>
            </td>
            <td>{r.status === 'HELD' ? <time dateTime={r.expiresAt}>{new Date(r.expiresAt).toLocaleString()}</time> : '—'}</td>
            <td>
              <ReservationActions reservation={r} onDone={done} onExtend={() => setExtending(r)} onRefused={refetch} />
            </td>
          </tr>
        )}
      />

      <Dialog open={extending !== null} title={`Extend reservation ${extending?.reference ?? ''}`} onClose={() => setExtending(null)}>
        {extending && (
          <ExtendForm
            reservation={extending}
            onCancel={() => setExtending(null)}
            onExtended={(r) => {
              setExtending(null);
              done('extend', r);
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function ReservationActions({
  reservation,
  onDone,
  onExtend,
  onRefused,
}: {
  reservation: Reservation;
  onDone: (a: ReservationAction, r: Reservation) => void;
  onExtend: () => void;
  onRefused: () => void;
}) {
  // A refusal (RESERVATION_EXPIRED, INVALID_STATUS) means the row is out of date: it is read again, and the message
  // stays by the row (rows are keyed by id).
  const { busy, errors, run } = useActions<Exclude<ReservationAction, 'extend'>, Reservation>('reservation', MUTATIONS, { onRefused });
  const name = reservation.reference ?? reservation.id.slice(0, 8);

  async function act(action: ReservationAction) {
    if (action === 'extend') return onExtend();
    const changed = await run(action, { id: reservation.id });
    if (changed) onDone(action, changed);
  }

  return (
    <RowActions
      actions={reservationActions(reservation.status)}
      busy={busy}
      errors={errors}
      text={(action) => reservationActionLabels[action]}
      busyText={(action) => (action === 'extend' ? reservationActionLabels[action] : MUTATIONS[action].busy)}
      name={(action) => `${reservationActionLabels[action]} reservation ${name}`}
      danger={(action) => action === 'release'}
      onRun={(action) => void act(action)}
    />
  );
}

const extendFields = ['ttlSeconds'] as const;

function ExtendForm({ reservation, onCancel, onExtended }: { reservation: Reservation; onCancel: () => void; onExtended: (r: Reservation) => void }) {
  const { request } = useSession();
  const idempotency = useIdempotencyKey();
  const { values, set, errors, setErrors, busy, submit } = useForm({ ttlSeconds: '900' }, extendFields, { idempotency });

  async function extend(e: FormEvent) {
    e.preventDefault();
    const ttlSeconds = parseWholeNumber(values.ttlSeconds);
    if (ttlSeconds === null) {
      setErrors({ byField: { ttlSeconds: ['Enter a whole number of seconds.'] }, general: [] });
      return;
    }
    let extended: Reservation | null = null;
    await submit(async () => {
      const { extendReservation: result } = await request<{ extendReservation: ReservationPayload }>(EXTEND, { id: reservation.id, ttlSeconds, key: idempotency.key });
      if (result.userErrors.length === 0) extended = result.reservation;
      return result.userErrors;
    });
    if (extended) {
      idempotency.renew();
      onExtended(extended);
    }
  }

  return (
    <form className="form" onSubmit={extend} noValidate>
      <FormErrors messages={errors.general} />
      <p>
        Now expires at <time dateTime={reservation.expiresAt}>{new Date(reservation.expiresAt).toLocaleString()}</time>. The new time to live counts from now.
      </p>
      <Field id="extend-ttl" name="ttlSeconds" label="Time to live (seconds)" errors={errors.byField.ttlSeconds} required hint="1 second to 7 days (604800).">
        {(p) => <input {...p} type="number" min={1} max={604800} step={1} inputMode="numeric" value={values.ttlSeconds} onChange={set('ttlSeconds')} />}
      </Field>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Extending…' : 'Extend'}
        </button>
      </div>
    </form>
  );
}
