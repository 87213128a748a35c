import { useState, type FormEvent } from 'react';
import type { UserError } from '../api/graphql';
import { usePaging } from '../app/paging';
import { useList } from '../app/useList';
import { useForm } from '../app/useForm';
import { useSession } from '../app/session';
import { CONNECTION_FIELDS, ConnectionTable } from '../components/ConnectionTable';
import { Dialog } from '../components/Dialog';
import { Field, FormErrors } from '../components/Field';
import { FilterToolbar, ToolbarSelect } from '../components/FilterToolbar';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, StatusMessage } from '../components/States';

const PAGE_SIZE = 20;

const PRODUCT_FIELDS = /* GraphQL */ `
  fragment ProductFields on Product { id sku name description category unitOfMeasure barcode status version updatedAt }
`;

const PRODUCTS = /* GraphQL */ `
  query Products($first: Int!, $after: String, $filter: ProductFilterInput) {
    products(first: $first, after: $after, filter: $filter) {
      ${CONNECTION_FIELDS}
      nodes { ...ProductFields }
    }
  }
  ${PRODUCT_FIELDS}
`;

const CREATE = /* GraphQL */ `
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) { product { ...ProductFields } userErrors { code field message } }
  }
  ${PRODUCT_FIELDS}
`;

const UPDATE = /* GraphQL */ `
  mutation UpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) { product { ...ProductFields } userErrors { code field message } }
  }
  ${PRODUCT_FIELDS}
`;

const DISCONTINUE = /* GraphQL */ `
  mutation DiscontinueProduct($input: DiscontinueProductInput!) {
    discontinueProduct(input: $input) { product { ...ProductFields } userErrors { code field message } }
  }
  ${PRODUCT_FIELDS}
`;

interface Product {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  category: string | null;
  unitOfMeasure: string;
  barcode: string | null;
  status: 'ACTIVE' | 'DISCONTINUED';
  version: number;
  updatedAt: string;
}

type Payload<K extends string> = { [key in K]: { product: Product | null; userErrors: UserError[] } };

type ProductStatus = 'ACTIVE' | 'DISCONTINUED';
type StatusFilter = '' | ProductStatus;
const productStatuses: readonly ProductStatus[] = ['ACTIVE', 'DISCONTINUED'];
const productStatusLabels: Record<ProductStatus, string> = { ACTIVE: 'Active', DISCONTINUED: 'Discontinued' };

export function ProductsPage() {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('');
  const paging = usePaging();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [discontinuing, setDiscontinuing] = useState<Product | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const filter: Record<string, string> = {};
  if (search) filter.search = search;
  if (status) filter.status = status;
  const { refetch, table } = useList<Product>(PRODUCTS, 'products', paging, PAGE_SIZE, { filter });

  function applySearch(e: FormEvent) {
    e.preventDefault();
    setSearch(searchText.trim());
    paging.reset();
  }

  return (
    <>
      <PageHeader
        title="Products"
        description="The catalog: every SKU the tenant stocks."
        actions={
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            New product
          </button>
        }
      />
      <StatusMessage message={message} />

      <FilterToolbar label="Products" onApply={applySearch} submitLabel="Search">
        <div className="toolbar__field">
          <label htmlFor="product-search">Search by SKU or name</label>
          <input id="product-search" type="search" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <ToolbarSelect
          id="product-status-filter"
          label="Status"
          value={status}
          options={productStatuses}
          optionLabel={(s) => productStatusLabels[s]}
          onChange={(s) => {
            setStatus(s);
            paging.reset();
          }}
        />
      </FilterToolbar>

      <ConnectionTable
        what="products"
        caption="Products"
        {...table}
        empty={
          <EmptyState title={search || status ? 'No product matches.' : 'No products yet.'}>
            {search || status ? <p>Try another search or status.</p> : <p>Create the first one with “New product”.</p>}
          </EmptyState>
        }
        columns={
          <>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Category</th>
            <th scope="col">Unit</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </>
        }
        row={(p) => (
          <tr key={p.id}>
            <th scope="row" className="mono">
              {p.sku}
            </th>
            <td>{p.name}</td>
            <td>{p.category ?? '—'}</td>
            <td>{p.unitOfMeasure}</td>
            <td>
              <span className={`badge badge--${p.status.toLowerCase()}`}>{p.status === 'ACTIVE' ? 'Active' : 'Discontinued'}</span>
            </td>
            <td>
              <time dateTime={p.updatedAt}>{new Date(p.updatedAt).toLocaleString()}</time>
            </td>
            <td className="table__actions">
              <button type="button" className="button button--small" onClick={() => setEditing(p)} aria-label={`Edit ${p.sku}`}>
                Edit
              </button>
              {p.status === 'ACTIVE' && (
                <button type="button" className="button button--small button--danger" onClick={() => setDiscontinuing(p)} aria-label={`Discontinue ${p.sku}`}>
                  Discontinue
                </button>
              )}
            </td>
          </tr>
        )}
      />

      <Dialog open={editing !== null} title={editing === 'new' ? 'New product' : `Edit ${editing?.sku ?? ''}`} onClose={() => setEditing(null)}>
        {editing !== null && (
          <ProductForm
            product={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={(p, created) => {
              setEditing(null);
              setMessage(created ? `Product ${p.sku} created.` : `Product ${p.sku} saved.`);
              refetch();
            }}
          />
        )}
      </Dialog>

      <Dialog open={discontinuing !== null} title={`Discontinue ${discontinuing?.sku ?? ''}?`} onClose={() => setDiscontinuing(null)}>
        {discontinuing && (
          <DiscontinueConfirm
            product={discontinuing}
            onCancel={() => setDiscontinuing(null)}
            onDone={(p) => {
              setDiscontinuing(null);
              setMessage(`Product ${p.sku} discontinued.`);
              refetch();
            }}
          />
        )}
      </Dialog>
    </>
  );
}

const formFields = ['sku', 'name', 'category', 'unitOfMeasure', 'barcode', 'description'] as const;

function ProductForm({ product, onCancel, onSaved }: { product: Product | null; onCancel: () => void; onSaved: (p: Product, created: boolean) => void }) {
  const { request } = useSession();
  const { values, set, errors, busy, submit } = useForm(
    {
      sku: product?.sku ?? '',
      name: product?.name ?? '',
      category: product?.category ?? '',
      unitOfMeasure: product?.unitOfMeasure ?? 'each',
      barcode: product?.barcode ?? '',
      description: product?.description ?? '',
    },
    formFields,
  );
  const optional = (s: string) => (s.trim() === '' ? null : s.trim());

  async function save(e: FormEvent) {
    e.preventDefault();
    const common = {
      name: values.name.trim(),
      category: optional(values.category),
      unitOfMeasure: optional(values.unitOfMeasure),
      barcode: optional(values.barcode),
      description: optional(values.description),
    };
    await submit(async () => {
      const result = product
        ? (await request<Payload<'updateProduct'>>(UPDATE, { input: { id: product.id, expectedVersion: product.version, ...common } })).updateProduct
        : (await request<Payload<'createProduct'>>(CREATE, { input: { sku: values.sku.trim(), ...common } })).createProduct;
      if (result.product && result.userErrors.length === 0) onSaved(result.product, !product);
      return result.userErrors;
    });
  }

  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors messages={errors.general} />
      <div className="form__grid">
        <Field id="product-sku" name="sku" label="SKU" errors={errors.byField.sku} required hint={product ? 'A SKU never changes.' : 'Letters, digits, -, _ and .; unique.'}>
          {(p) => <input {...p} value={values.sku} onChange={set('sku')} readOnly={!!product} data-autofocus={product ? undefined : true} autoCapitalize="characters" spellCheck={false} />}
        </Field>
        <Field id="product-name" name="name" label="Name" errors={errors.byField.name} required>
          {(p) => <input {...p} value={values.name} onChange={set('name')} data-autofocus={product ? true : undefined} />}
        </Field>
        <Field id="product-category" name="category" label="Category" errors={errors.byField.category}>
          {(p) => <input {...p} value={values.category} onChange={set('category')} />}
        </Field>
        <Field id="product-unit" name="unitOfMeasure" label="Unit of measure" errors={errors.byField.unitOfMeasure}>
          {(p) => <input {...p} value={values.unitOfMeasure} onChange={set('unitOfMeasure')} />}
        </Field>
        <Field id="product-barcode" name="barcode" label="Barcode" errors={errors.byField.barcode}>
          {(p) => <input {...p} value={values.barcode} onChange={set('barcode')} />}
        </Field>
        <Field id="product-description" name="description" label="Description" errors={errors.byField.description}>
          {(p) => <textarea {...p} rows={3} value={values.description} onChange={set('description')} />}
        </Field>
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : product ? 'Save changes' : 'Create product'}
        </button>
      </div>
    </form>
  );
}

function DiscontinueConfirm({ product, onCancel, onDone }: { product: Product; onCancel: () => void; onDone: (p: Product) => void }) {
  const { request } = useSession();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setErrors([]);
    try {
      const { discontinueProduct: result } = await request<Payload<'discontinueProduct'>>(DISCONTINUE, { input: { id: product.id } });
      if (result.product && result.userErrors.length === 0) onDone(result.product);
      else setErrors(result.userErrors.map((e) => e.message));
    } catch (error) {
      setErrors([(error as Error).message]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="form">
      <FormErrors messages={errors} />
      <p>
        {product.name} stays readable, but stock can no longer be received or reserved for it. This cannot be undone here.
      </p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          Keep it
        </button>
        <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
          {busy ? 'Discontinuing…' : 'Discontinue'}
        </button>
      </div>
    </div>
  );
}
