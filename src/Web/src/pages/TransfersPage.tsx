import { useState, type FormEvent } from 'react';
import type { UserError } from '../api/graphql';
import { useIdempotencyKey } from '../app/idempotency';
import { useActions } from '../app/useActions';
import { usePaging } from '../app/paging';
import { useList } from '../app/useList';
import { useSession } from '../app/session';
import { useForm } from '../app/useForm';
import { CONNECTION_FIELDS, ConnectionTable } from '../components/ConnectionTable';
import { Dialog } from '../components/Dialog';
import { Field, FormErrors } from '../components/Field';
import { ToolbarSelect } from '../components/FilterToolbar';
import { LinesEditor } from '../components/LinesEditor';
import { emptyLine, parseLines, splitLineErrors, type LineDraft, type LineErrors } from '../components/lines';
import { PageHeader } from '../components/PageHeader';
import { RowActions } from '../components/RowActions';
import { EmptyState, StatusMessage } from '../components/States';
import { WarehouseSelect } from '../components/WarehouseSelect';
import { describeLines, transferActions, transferDone, transferStatusLabels, transferStatuses, type TransferAction, type TransferStatus } from './transfers';
import './stock-forms.css';

const PAGE_SIZE = 20;

const TRANSFER_FIELDS = 'id status fromWarehouseCode toWarehouseCode reference lines { sku quantity } createdAt shippedAt receivedAt';

const TRANSFERS = /* GraphQL */ `
  query Transfers($first: Int!, $after: String, $filter: TransferFilterInput) {
    transfers(first: $first, after: $after, filter: $filter) {
      ${CONNECTION_FIELDS}
      nodes { ${TRANSFER_FIELDS} }
    }
  }
`;

const CREATE = /* GraphQL */ `
  mutation CreateTransfer($input: CreateTransferInput!, $key: String!) {
    createTransfer(input: $input, idempotencyKey: $key) { transfer { ${TRANSFER_FIELDS} } replayed userErrors { code field message } }
  }
`;

const ACTIONS: Record<TransferAction, { field: string; mutation: string; label: string; busy: string }> = {
  ship: {
    field: 'shipTransfer',
    label: 'Ship',
    busy: 'Shipping…',
    mutation: `mutation ShipTransfer($id: ID!, $key: String) { shipTransfer(id: $id, idempotencyKey: $key) { transfer { ${TRANSFER_FIELDS} } userErrors { code field message } } }`,
  },
  receive: {
    field: 'receiveTransfer',
    label: 'Receive',
    busy: 'Receiving…',
    mutation: `mutation ReceiveTransfer($id: ID!, $key: String) { receiveTransfer(id: $id, idempotencyKey: $key) { transfer { ${TRANSFER_FIELDS} } userErrors { code field message } } }`,
  },
  cancel: {
    field: 'cancelTransfer',
    label: 'Cancel',
    busy: 'Cancelling…',
    mutation: `mutation CancelTransfer($id: ID!, $key: String) { cancelTransfer(id: $id, idempotencyKey: $key) { transfer { ${TRANSFER_FIELDS} } userErrors { code field message } } }`,
  },
};

interface Transfer {
  id: string;
  status: TransferStatus;
  fromWarehouseCode: string;
  toWarehouseCode: string;
  reference: string | null;
  lines: { sku: string; quantity: number }[];
  createdAt: string;
  shippedAt: string | null;
  receivedAt: string | null;
}

interface TransferPayload {
  transfer: Transfer | null;
  userErrors: UserError[];
}

/** Transfers between warehouses: planned (DRAFT), shipped (IN_TRANSIT), received, or cancelled. */
export function TransfersPage() {
  const paging = usePaging();
  const [status, setStatus] = useState<TransferStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { refetch, table } = useList<Transfer>(TRANSFERS, 'transfers', paging, PAGE_SIZE, { filter: status ? { status } : null });

  return (
    <>
      <PageHeader
        title="Transfers"
        description="Stock moving between warehouses: planned, shipped (in transit, incoming at the destination), then received."
        actions={
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New transfer
          </button>
        }
      />
      <StatusMessage message={message} />

      <div className="toolbar">
        <ToolbarSelect
          id="transfer-status-filter"
          label="Status"
          value={status}
          options={transferStatuses}
          optionLabel={(s) => transferStatusLabels[s]}
          onChange={(s) => {
            setStatus(s);
            paging.reset();
          }}
        />
      </div>

      <ConnectionTable
        what="transfers"
        caption="Transfers"
        {...table}
        empty={
          <EmptyState title={status ? 'No transfer has this status.' : 'No transfers yet.'}>
            <p>{status ? 'Choose another status.' : 'Plan the first one with “New transfer”.'}</p>
          </EmptyState>
        }
        columns={
          <>
            <th scope="col">Reference</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Lines</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </>
        }
        row={(t) => (
          <tr key={t.id}>
            <th scope="row">{t.reference ?? <span className="mono">{t.id.slice(0, 8)}</span>}</th>
            <td className="mono">{t.fromWarehouseCode}</td>
            <td className="mono">{t.toWarehouseCode}</td>
            <td>{describeLines(t.lines)}</td>
            <td>
              <span className={`badge badge--${t.status.toLowerCase()}`} data-column="status">
                {transferStatusLabels[t.status]}
              </span>
            </td>
            <td>
              <time dateTime={t.createdAt}>{new Date(t.createdAt).toLocaleString()}</time>
            </td>
            <td>
              <TransferActions
                transfer={t}
                onDone={(action, updated) => {
                  setMessage(transferDone(action, updated));
                  refetch();
                }}
                onRefused={refetch}
              />
            </td>
          </tr>
        )}
      />

      <Dialog open={creating} title="New transfer" onClose={() => setCreating(false)}>
        {creating && (
          <TransferForm
            onCancel={() => setCreating(false)}
            onCreated={(t) => {
              setCreating(false);
              setMessage(`Transfer ${t.fromWarehouseCode} → ${t.toWarehouseCode} planned (${describeLines(t.lines)}): ship it to move the stock.`);
              if (status && status !== 'DRAFT') setStatus('');
              paging.reset();
              refetch();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

/** The actions the transfer's status allows; a refusal is shown by the row, which is read again. */
function TransferActions({ transfer, onDone, onRefused }: { transfer: Transfer; onDone: (action: TransferAction, t: Transfer) => void; onRefused: () => void }) {
  // A refusal (INVALID_STATUS, INSUFFICIENT_STOCK...) may mean the row is out of date: it is read again, and the
  // message stays by the row (rows are keyed by id).
  const { busy, errors, run } = useActions<TransferAction, Transfer>('transfer', ACTIONS, { onRefused });
  const name = transfer.reference ?? transfer.id.slice(0, 8);

  async function act(action: TransferAction) {
    const changed = await run(action, { id: transfer.id });
    if (changed) onDone(action, changed);
  }

  return (
    <RowActions
      actions={transferActions(transfer.status)}
      busy={busy}
      errors={errors}
      text={(action) => ACTIONS[action].label}
      busyText={(action) => ACTIONS[action].busy}
      name={(action) => `${ACTIONS[action].label} transfer ${name}`}
      danger={(action) => action === 'cancel'}
      onRun={(action) => void act(action)}
    />
  );
}

const formFields = ['fromWarehouseCode', 'toWarehouseCode', 'reference'] as const;

function TransferForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (t: Transfer) => void }) {
  const { request } = useSession();
  const idempotency = useIdempotencyKey();
  const { values, setValues, set, errors, busy, submit } = useForm({ fromWarehouseCode: '', toWarehouseCode: '', reference: '' }, formFields, { idempotency });
  const [lines, setLines] = useState<LineDraft[]>([{ ...emptyLine }]);
  const [lineErrors, setLineErrors] = useState<Record<number, LineErrors>>({});

  async function create(e: FormEvent) {
    e.preventDefault();
    const parsed = parseLines(lines);
    setLineErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    let created: Transfer | null = null;
    let hadLineErrors = false;
    await submit(async () => {
      const { createTransfer: result } = await request<{ createTransfer: TransferPayload }>(CREATE, {
        input: {
          fromWarehouseCode: values.fromWarehouseCode.trim(),
          toWarehouseCode: values.toWarehouseCode.trim(),
          lines: parsed.lines,
          reference: values.reference.trim() || null,
        },
        key: idempotency.key,
      });
      const split = splitLineErrors(result.userErrors);
      setLineErrors(split.lines);
      hadLineErrors = Object.keys(split.lines).length > 0;
      if (result.userErrors.length === 0) created = result.transfer;
      return split.rest;
    });
    if (created && !hadLineErrors) {
      idempotency.renew();
      onCreated(created);
    }
  }

  return (
    <form className="form" onSubmit={create} noValidate>
      <FormErrors messages={errors.general} />
      <div className="form__grid">
        <Field id="transfer-from" name="fromWarehouseCode" label="From warehouse" errors={errors.byField.fromWarehouseCode} required>
          {(p) => <WarehouseSelect control={p} value={values.fromWarehouseCode} onChange={(code) => setValues((v) => ({ ...v, fromWarehouseCode: code }))} />}
        </Field>
        <Field id="transfer-to" name="toWarehouseCode" label="To warehouse" errors={errors.byField.toWarehouseCode} required>
          {(p) => <WarehouseSelect control={p} value={values.toWarehouseCode} onChange={(code) => setValues((v) => ({ ...v, toWarehouseCode: code }))} />}
        </Field>
        <Field id="transfer-reference" name="reference" label="Reference" errors={errors.byField.reference} hint="e.g. tr:2026-11-28.">
          {(p) => <input {...p} value={values.reference} onChange={set('reference')} spellCheck={false} />}
        </Field>
      </div>
      <LinesEditor id="transfer-lines" legend="Lines" lines={lines} onChange={setLines} errors={lineErrors} />
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Creating…' : 'Create transfer'}
        </button>
      </div>
    </form>
  );
}
