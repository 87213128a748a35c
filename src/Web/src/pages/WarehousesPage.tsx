import { useState, type FormEvent } from 'react';
import type { UserError } from '../api/graphql';
import { usePaging } from '../app/paging';
import { parseWholeNumber } from '../app/numbers';
import { useList } from '../app/useList';
import { useForm } from '../app/useForm';
import { useSession } from '../app/session';
import { CONNECTION_FIELDS, ConnectionTable } from '../components/ConnectionTable';
import { Dialog } from '../components/Dialog';
import { Field, FormErrors } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, StatusMessage } from '../components/States';

const PAGE_SIZE = 20;

const WAREHOUSE_FIELDS = /* GraphQL */ `
  fragment WarehouseFields on Warehouse { id code name address timeZone priority active }
`;

const WAREHOUSES = /* GraphQL */ `
  query Warehouses($first: Int!, $after: String) {
    warehouses(first: $first, after: $after) {
      ${CONNECTION_FIELDS}
      nodes { ...WarehouseFields }
    }
  }
  ${WAREHOUSE_FIELDS}
`;

const CREATE = /* GraphQL */ `
  mutation CreateWarehouse($input: CreateWarehouseInput!) {
    createWarehouse(input: $input) { warehouse { ...WarehouseFields } userErrors { code field message } }
  }
  ${WAREHOUSE_FIELDS}
`;

interface Warehouse {
  id: string;
  code: string;
  name: string;
  address: string | null;
  timeZone: string;
  priority: number;
  active: boolean;
}

export function WarehousesPage() {
  const paging = usePaging();
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const { refetch, table } = useList<Warehouse>(WAREHOUSES, 'warehouses', paging, PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="Warehouses"
        description="Where stock is kept. Orders are allocated over them by priority (lower first)."
        actions={
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New warehouse
          </button>
        }
      />
      <StatusMessage message={message} />
      <ConnectionTable
        what="warehouses"
        caption="Warehouses"
        {...table}
        empty={
          <EmptyState title="No warehouses yet.">
            <p>Create the first one with “New warehouse”.</p>
          </EmptyState>
        }
        columns={
          <>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">Time zone</th>
            <th scope="col" className="num">
              Priority
            </th>
            <th scope="col">Status</th>
          </>
        }
        row={(w) => (
          <tr key={w.id}>
            <th scope="row" className="mono">
              {w.code}
            </th>
            <td>{w.name}</td>
            <td>{w.address ?? '—'}</td>
            <td>{w.timeZone}</td>
            <td className="num">{w.priority}</td>
            <td>
              <span className={`badge badge--${w.active ? 'active' : 'discontinued'}`}>{w.active ? 'Active' : 'Inactive'}</span>
            </td>
          </tr>
        )}
      />
      <Dialog open={creating} title="New warehouse" onClose={() => setCreating(false)}>
        {creating && (
          <WarehouseForm
            onCancel={() => setCreating(false)}
            onCreated={(w) => {
              setCreating(false);
              setMessage(`Warehouse ${w.code} created.`);
              refetch();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

const formFields = ['code', 'name', 'address', 'timeZone', 'priority'] as const;

function WarehouseForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (w: Warehouse) => void }) {
  const { request } = useSession();
  const { values, set, errors, setErrors, busy, submit } = useForm({ code: '', name: '', address: '', timeZone: 'UTC', priority: '100' }, formFields);

  async function create(e: FormEvent) {
    e.preventDefault();
    const priority = values.priority.trim() === '' ? null : parseWholeNumber(values.priority);
    if (values.priority.trim() !== '' && priority === null) {
      setErrors({ byField: { priority: ['Enter a whole number from 0 to 1000.'] }, general: [] });
      return;
    }
    await submit(async () => {
      const { createWarehouse: result } = await request<{ createWarehouse: { warehouse: Warehouse | null; userErrors: UserError[] } }>(CREATE, {
        input: {
          code: values.code.trim(),
          name: values.name.trim(),
          address: values.address.trim() || null,
          timeZone: values.timeZone.trim() || null,
          priority,
        },
      });
      if (result.warehouse && result.userErrors.length === 0) onCreated(result.warehouse);
      return result.userErrors;
    });
  }

  return (
    <form className="form" onSubmit={create} noValidate>
      <FormErrors messages={errors.general} />
      <div className="form__grid">
        <Field id="warehouse-code" name="code" label="Code" errors={errors.byField.code} required hint="Letters, digits, - and _; stored upper case.">
          {(p) => <input {...p} value={values.code} onChange={set('code')} data-autofocus autoCapitalize="characters" spellCheck={false} />}
        </Field>
        <Field id="warehouse-name" name="name" label="Name" errors={errors.byField.name} required>
          {(p) => <input {...p} value={values.name} onChange={set('name')} />}
        </Field>
        <Field id="warehouse-address" name="address" label="Address" errors={errors.byField.address}>
          {(p) => <input {...p} value={values.address} onChange={set('address')} autoComplete="street-address" />}
        </Field>
        <Field id="warehouse-time-zone" name="timeZone" label="Time zone" errors={errors.byField.timeZone} hint="IANA name, e.g. Europe/Berlin.">
          {(p) => <input {...p} value={values.timeZone} onChange={set('timeZone')} spellCheck={false} />}
        </Field>
        <Field id="warehouse-priority" name="priority" label="Priority" errors={errors.byField.priority} hint="0–1000; lower is allocated first.">
          {(p) => <input {...p} type="number" min={0} max={1000} step={1} inputMode="numeric" value={values.priority} onChange={set('priority')} />}
        </Field>
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create warehouse'}
        </button>
      </div>
    </form>
  );
}
