import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { UserError } from '../api/graphql';
import { usePaging } from '../app/paging';
import { useList } from '../app/useList';
import { useSession } from '../app/session';
import { useForm } from '../app/useForm';
import { CONNECTION_FIELDS, ConnectionTable } from '../components/ConnectionTable';
import { Dialog } from '../components/Dialog';
import { Field, FormErrors } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { EmptyState, StatusMessage } from '../components/States';
import { apiKeyStatus, formatWhen, isAdministrator, isForbidden, ROLE_HINTS, roleLabel, ROLES, sortRoles, toggleRole, type Role } from './users';
import './users.css';

const PAGE_SIZE = 20;

const USER_FIELDS = /* GraphQL */ `
  fragment UserFields on User { id email roles active createdAt lastLoginAt }
`;

const API_KEY_FIELDS = /* GraphQL */ `
  fragment ApiKeyFields on ApiKey { id name role prefix createdAt revokedAt lastUsedAt expiresAt createdBy { email } }
`;

const USERS = /* GraphQL */ `
  query Users($first: Int!, $after: String, $active: Boolean) {
    users(first: $first, after: $after, active: $active) {
      ${CONNECTION_FIELDS}
      nodes { ...UserFields }
    }
  }
  ${USER_FIELDS}
`;

const API_KEYS = /* GraphQL */ `
  query ApiKeys($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after) {
      ${CONNECTION_FIELDS}
      nodes { ...ApiKeyFields }
    }
  }
  ${API_KEY_FIELDS}
`;

const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { ...UserFields } userErrors { code field message } }
  }
  ${USER_FIELDS}
`;

const UPDATE_ROLES = /* GraphQL */ `
  mutation UpdateUserRoles($input: UpdateUserRolesInput!) {
    updateUserRoles(input: $input) { user { ...UserFields } userErrors { code field message } }
  }
  ${USER_FIELDS}
`;

const DEACTIVATE = /* GraphQL */ `
  mutation DeactivateUser($input: DeactivateUserInput!) {
    deactivateUser(input: $input) { user { ...UserFields } userErrors { code field message } }
  }
  ${USER_FIELDS}
`;

const CREATE_API_KEY = /* GraphQL */ `
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { apiKey { ...ApiKeyFields } secret userErrors { code field message } }
  }
  ${API_KEY_FIELDS}
`;

const REVOKE_API_KEY = /* GraphQL */ `
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) { apiKey { ...ApiKeyFields } userErrors { code field message } }
  }
  ${API_KEY_FIELDS}
`;

interface User {
  id: string;
  email: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

interface ApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  createdBy: { email: string } | null;
}

type UserPayload<K extends string> = { [key in K]: { user: User | null; userErrors: UserError[] } };

type ActiveFilter = '' | 'true' | 'false';

/** The tenant's users and API keys; only administrators may see or change them (the API refuses everyone else). */
export function UsersPage() {
  const { session } = useSession();
  const admin = isAdministrator(session?.roles);
  const [message, setMessage] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);

  return (
    <>
      <PageHeader title="Users & API keys" description="Who signs in to this tenant and with which roles, and the keys integrations use." />
      {!admin || refused ? (
        <AdminsOnly />
      ) : (
        <>
          <StatusMessage message={message} />
          <UsersSection onMessage={setMessage} onRefused={() => setRefused(true)} />
          <ApiKeysSection onMessage={setMessage} />
        </>
      )}
    </>
  );
}

function AdminsOnly() {
  return (
    <EmptyState title="Only administrators can manage users and API keys.">
      <p>Ask an administrator of this tenant to add users, change roles or issue API keys.</p>
    </EmptyState>
  );
}

function UsersSection({ onMessage, onRefused }: { onMessage: (m: string) => void; onRefused: () => void }) {
  const paging = usePaging();
  const [active, setActive] = useState<ActiveFilter>('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const { error, refetch, table } = useList<User>(USERS, 'users', paging, PAGE_SIZE, { active: active === '' ? null : active === 'true' });
  // The token says administrator but the API does not agree (the roles changed since signing in).
  useEffect(() => {
    if (error && isForbidden(error)) onRefused();
  }, [error, onRefused]);

  return (
    <section className="users-section" aria-labelledby="users-heading">
      <div className="users-section__header">
        <h2 id="users-heading">Users</h2>
        <div className="users-section__tools">
          <label htmlFor="users-active">Show</label>
          <select
            id="users-active"
            value={active}
            onChange={(e) => {
              setActive(e.target.value as ActiveFilter);
              paging.reset();
            }}
          >
            <option value="">All users</option>
            <option value="true">Active</option>
            <option value="false">Deactivated</option>
          </select>
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New user
          </button>
        </div>
      </div>
      <ConnectionTable
        what="users"
        caption="Users"
        {...table}
        empty={<EmptyState title={active === '' ? 'No users yet.' : active === 'true' ? 'No active users.' : 'No deactivated users.'} />}
        columns={
          <>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </>
        }
        row={(u) => (
          <tr key={u.id}>
            <th scope="row">{u.email}</th>
            <td data-column="roles">{sortRoles(u.roles).map(roleLabel).join(', ')}</td>
            <td data-column="status">
              <span className={`badge badge--${u.active ? 'active' : 'discontinued'}`}>{u.active ? 'Active' : 'Deactivated'}</span>
            </td>
            <td>
              <time dateTime={u.createdAt}>{formatWhen(u.createdAt)}</time>
            </td>
            <td>{u.lastLoginAt ? <time dateTime={u.lastLoginAt}>{formatWhen(u.lastLoginAt)}</time> : 'Never'}</td>
            <td className="table__actions">
              <button type="button" className="button button--small" onClick={() => setEditing(u)} aria-label={`Edit roles of ${u.email}`}>
                Edit roles
              </button>
              {u.active && (
                <button type="button" className="button button--small button--danger" onClick={() => setDeactivating(u)} aria-label={`Deactivate ${u.email}`}>
                  Deactivate
                </button>
              )}
            </td>
          </tr>
        )}
      />

      <Dialog open={creating} title="New user" onClose={() => setCreating(false)}>
        {creating && (
          <NewUserForm
            onCancel={() => setCreating(false)}
            onCreated={(u) => {
              setCreating(false);
              onMessage(`User ${u.email} created.`);
              refetch();
            }}
          />
        )}
      </Dialog>

      <Dialog open={editing !== null} title={`Edit roles of ${editing?.email ?? ''}`} onClose={() => setEditing(null)}>
        {editing && (
          <EditRolesForm
            user={editing}
            onCancel={() => setEditing(null)}
            onSaved={(u) => {
              setEditing(null);
              onMessage(`Roles of ${u.email} saved: ${sortRoles(u.roles).map(roleLabel).join(', ')}.`);
              refetch();
            }}
          />
        )}
      </Dialog>

      <Dialog open={deactivating !== null} title={`Deactivate ${deactivating?.email ?? ''}?`} onClose={() => setDeactivating(null)}>
        {deactivating && (
          <DeactivateConfirm
            user={deactivating}
            onCancel={() => setDeactivating(null)}
            onDone={(u) => {
              setDeactivating(null);
              onMessage(`User ${u.email} deactivated.`);
              refetch();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

/** The roles as checkboxes in a group; its errors (VALIDATION, LAST_ADMIN) under the group, announced with it. */
function RolesField({ id, roles, onChange, errors }: { id: string; roles: Role[]; onChange: (roles: Role[]) => void; errors: string[] | undefined }) {
  const invalid = !!errors && errors.length > 0;
  const errorId = `${id}-error`;
  return (
    <fieldset className={invalid ? 'field roles-field field--invalid' : 'field roles-field'} aria-describedby={invalid ? errorId : undefined}>
      <legend>
        Roles
        <span className="field__required" aria-hidden="true">
          {' '}*
        </span>
      </legend>
      {ROLES.map((role) => (
        <div className="roles-field__option" key={role}>
          <input
            id={`${id}-${role}`}
            type="checkbox"
            name="roles"
            value={role}
            checked={roles.includes(role)}
            onChange={(e) => onChange(toggleRole(roles, role, e.target.checked))}
            aria-describedby={[`${id}-${role}-hint`, invalid ? errorId : null].filter(Boolean).join(' ')}
            aria-invalid={invalid ? true : undefined}
          />
          <label htmlFor={`${id}-${role}`}>{roleLabel(role)}</label>
          <span id={`${id}-${role}-hint`} className="field__hint">
            {ROLE_HINTS[role]}
          </span>
        </div>
      ))}
      {invalid && (
        <p id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {errors.join(' ')}
        </p>
      )}
    </fieldset>
  );
}

const newUserFields = ['email', 'password', 'roles'] as const;

function NewUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (u: User) => void }) {
  const { request } = useSession();
  const { values, set, errors, busy, submit } = useForm({ email: '', password: '' }, newUserFields);
  const [roles, setRoles] = useState<Role[]>(['VIEWER']);

  async function create(e: FormEvent) {
    e.preventDefault();
    await submit(async () => {
      const { createUser: result } = await request<UserPayload<'createUser'>>(CREATE_USER, {
        input: { email: values.email.trim(), password: values.password, roles },
      });
      if (result.user && result.userErrors.length === 0) onCreated(result.user);
      return result.userErrors;
    });
  }

  return (
    <form className="form" onSubmit={create} noValidate>
      <FormErrors messages={errors.general} />
      <Field id="user-email" name="email" label="Email" errors={errors.byField.email} required>
        {(p) => <input {...p} type="email" value={values.email} onChange={set('email')} data-autofocus autoComplete="off" spellCheck={false} />}
      </Field>
      <Field
        id="user-password"
        name="password"
        label="Password"
        errors={errors.byField.password}
        required
        hint="At least 10 characters with 3 of: lower case, upper case, digit, symbol; not the email."
      >
        {(p) => <input {...p} type="password" value={values.password} onChange={set('password')} autoComplete="new-password" />}
      </Field>
      <RolesField id="user-roles" roles={roles} onChange={setRoles} errors={errors.byField.roles} />
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}

function EditRolesForm({ user, onCancel, onSaved }: { user: User; onCancel: () => void; onSaved: (u: User) => void }) {
  const { request } = useSession();
  const { errors, busy, submit } = useForm({}, ['roles']);
  const [roles, setRoles] = useState<Role[]>(() => sortRoles(user.roles));

  async function save(e: FormEvent) {
    e.preventDefault();
    await submit(async () => {
      const { updateUserRoles: result } = await request<UserPayload<'updateUserRoles'>>(UPDATE_ROLES, { input: { userId: user.id, roles } });
      if (result.user && result.userErrors.length === 0) onSaved(result.user);
      return result.userErrors;
    });
  }

  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors messages={errors.general} />
      <RolesField id="edit-roles" roles={roles} onChange={setRoles} errors={errors.byField.roles} />
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save roles'}
        </button>
      </div>
    </form>
  );
}

function DeactivateConfirm({ user, onCancel, onDone }: { user: User; onCancel: () => void; onDone: (u: User) => void }) {
  const { request } = useSession();
  const { errors, busy, submit } = useForm({}, []);

  async function confirm() {
    await submit(async () => {
      const { deactivateUser: result } = await request<UserPayload<'deactivateUser'>>(DEACTIVATE, { input: { userId: user.id } });
      if (result.user && result.userErrors.length === 0) onDone(result.user);
      return result.userErrors;
    });
  }

  return (
    <div className="form">
      <FormErrors messages={errors.general} />
      <p>{user.email} will no longer be able to sign in. Their past changes stay in the ledger.</p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          Keep active
        </button>
        <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
          {busy ? 'Deactivating…' : 'Deactivate'}
        </button>
      </div>
    </div>
  );
}

function ApiKeysSection({ onMessage }: { onMessage: (m: string) => void }) {
  const paging = usePaging();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ apiKey: ApiKey; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const { refetch, table: keysTable } = useList<ApiKey>(API_KEYS, 'apiKeys', paging, PAGE_SIZE);

  return (
    <section className="users-section" aria-labelledby="api-keys-heading">
      <div className="users-section__header">
        <h2 id="api-keys-heading">API keys</h2>
        <div className="users-section__tools">
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New API key
          </button>
        </div>
      </div>
      <p className="users-section__note">
        Integrations send a key as <code>Authorization: Bearer &lt;key&gt;</code> and act with its one role.
      </p>
      <ConnectionTable
        what="API keys"
        caption="API keys"
        {...keysTable}
        empty={
          <EmptyState title="No API keys yet.">
            <p>Issue one with “New API key” for each integration.</p>
          </EmptyState>
        }
        columns={
          <>
            <th scope="col">Name</th>
            <th scope="col">Key prefix</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </>
        }
        row={(k) => (
          <tr key={k.id}>
            <th scope="row">{k.name}</th>
            <td className="mono">{k.prefix}</td>
            <td data-column="role">{roleLabel(k.role)}</td>
            <td data-column="status">
              <span className={`badge badge--${apiKeyStatus(k) === 'Active' ? 'active' : 'discontinued'}`}>{apiKeyStatus(k)}</span>
              {k.revokedAt && (
                <span className="users-section__since">
                  {' '}
                  since <time dateTime={k.revokedAt}>{formatWhen(k.revokedAt)}</time>
                </span>
              )}
            </td>
            <td>
              <time dateTime={k.createdAt}>{formatWhen(k.createdAt)}</time>
              {k.createdBy && <span className="users-section__since"> by {k.createdBy.email}</span>}
            </td>
            <td>{k.expiresAt ? <time dateTime={k.expiresAt}>{formatWhen(k.expiresAt)}</time> : 'Never'}</td>
            <td>{k.lastUsedAt ? <time dateTime={k.lastUsedAt}>{formatWhen(k.lastUsedAt)}</time> : 'Never'}</td>
            <td className="table__actions">
              {!k.revokedAt && (
                <button type="button" className="button button--small button--danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        )}
      />

      <Dialog open={creating} title="New API key" onClose={() => setCreating(false)}>
        {creating && (
          <NewApiKeyForm
            onCancel={() => setCreating(false)}
            onCreated={(apiKey, secret) => {
              setCreating(false);
              setCreated({ apiKey, secret });
              onMessage(`API key ${apiKey.name} created.`);
              refetch();
            }}
          />
        )}
      </Dialog>

      <Dialog open={created !== null} title={`API key ${created?.apiKey.name ?? ''} created`} onClose={() => setCreated(null)}>
        {created && <SecretOnce secret={created.secret} onDone={() => setCreated(null)} />}
      </Dialog>

      <Dialog open={revoking !== null} title={`Revoke ${revoking?.name ?? ''}?`} onClose={() => setRevoking(null)}>
        {revoking && (
          <RevokeConfirm
            apiKey={revoking}
            onCancel={() => setRevoking(null)}
            onDone={(k) => {
              setRevoking(null);
              onMessage(`API key ${k.name} revoked.`);
              refetch();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}

const apiKeyFields = ['name', 'role'] as const;

function NewApiKeyForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (k: ApiKey, secret: string) => void }) {
  const { request } = useSession();
  const { values, set, errors, busy, submit } = useForm({ name: '', role: 'VIEWER' }, apiKeyFields);

  async function create(e: FormEvent) {
    e.preventDefault();
    await submit(async () => {
      const { createApiKey: result } = await request<{ createApiKey: { apiKey: ApiKey | null; secret: string | null; userErrors: UserError[] } }>(CREATE_API_KEY, {
        input: { name: values.name.trim(), role: values.role },
      });
      if (result.apiKey && result.secret && result.userErrors.length === 0) onCreated(result.apiKey, result.secret);
      return result.userErrors;
    });
  }

  return (
    <form className="form" onSubmit={create} noValidate>
      <FormErrors messages={errors.general} />
      <Field id="api-key-name" name="name" label="Name" errors={errors.byField.name} required hint="What the key is for, e.g. the integration's name (1–100 characters).">
        {(p) => <input {...p} value={values.name} onChange={set('name')} data-autofocus maxLength={200} />}
      </Field>
      <Field id="api-key-role" name="role" label="Role" errors={errors.byField.role} required hint="The one role the key acts with.">
        {(p) => (
          <select {...p} value={values.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)} — {ROLE_HINTS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create API key'}
        </button>
      </div>
    </form>
  );
}

/** The new key's secret, shown this once, with a Copy button. */
function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      // No clipboard access (permissions, an insecure origin): select the key so that it can be copied by hand.
      input.current?.select();
      setCopied('The key is selected: copy it with Ctrl+C (⌘C).');
    }
  }

  return (
    <div className="form">
      <p className="api-key-secret__warning" id="api-key-secret-note">
        <strong>Copy this key now: you will not see it again.</strong> Only its hash is kept. If it is lost, revoke it and create a new one.
      </p>
      <div className="field">
        <label htmlFor="api-key-secret">API key</label>
        <div className="api-key-secret__row">
          <input ref={input} id="api-key-secret" className="mono" readOnly value={secret} aria-describedby="api-key-secret-note" onFocus={(e) => e.target.select()} />
          <button type="button" className="button" onClick={copy} data-autofocus>
            Copy
          </button>
        </div>
      </div>
      <StatusMessage message={copied} />
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function RevokeConfirm({ apiKey, onCancel, onDone }: { apiKey: ApiKey; onCancel: () => void; onDone: (k: ApiKey) => void }) {
  const { request } = useSession();
  const { errors, busy, submit } = useForm({}, []);

  async function confirm() {
    await submit(async () => {
      const { revokeApiKey: result } = await request<{ revokeApiKey: { apiKey: ApiKey | null; userErrors: UserError[] } }>(REVOKE_API_KEY, { input: { id: apiKey.id } });
      if (result.apiKey && result.userErrors.length === 0) onDone(result.apiKey);
      return result.userErrors;
    });
  }

  return (
    <div className="form">
      <FormErrors messages={errors.general} />
      <p>
        Integrations using the key <span className="mono">{apiKey.prefix}</span> are refused from now on. This cannot be undone.
      </p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          Keep it
        </button>
        <button type="button" className="button button--danger" onClick={confirm} disabled={busy}>
          {busy ? 'Revoking…' : 'Revoke'}
        </button>
      </div>
    </div>
  );
}
