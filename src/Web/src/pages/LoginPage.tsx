import type { FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { UserError } from '../api/graphql';
import { LAST_TENANT_KEY } from '../api/session';
import { useSession } from '../app/session';
import { useForm } from '../app/useForm';
import { Field, FormErrors } from '../components/Field';
import { PageHeader } from '../components/PageHeader';

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) { accessToken expiresAt userErrors { code field message } }
  }
`;

interface LoginData {
  login: { accessToken: string | null; expiresAt: string | null; userErrors: UserError[] };
}

const fields = ['tenant', 'email', 'password'];

export function LoginPage() {
  const { session, request, signIn, notice } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const { values, set, errors, busy, submit } = useForm({ tenant: localStorage.getItem(LAST_TENANT_KEY) ?? '', email: '', password: '' }, fields);

  if (session) return <Navigate to={from} replace />;

  async function signInWith(e: FormEvent) {
    e.preventDefault();
    const tenant = values.tenant.trim();
    await submit(async () => {
      const { login } = await request<LoginData>(LOGIN, { input: { tenant, email: values.email.trim(), password: values.password } });
      if (login.accessToken) {
        localStorage.setItem(LAST_TENANT_KEY, tenant);
        signIn(login.accessToken);
        navigate(from, { replace: true });
      }
      return login.userErrors;
    });
  }

  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="auth-card__brand">Inventory</p>
        <PageHeader title="Sign in" />
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <form onSubmit={signInWith} noValidate>
          <FormErrors messages={errors.general} />
          <Field id="login-tenant" name="tenant" label="Tenant" hint="Your company's slug, e.g. acme." errors={errors.byField.tenant} required>
            {(p) => <input {...p} value={values.tenant} onChange={set('tenant')} autoComplete="organization" autoCapitalize="none" spellCheck={false} />}
          </Field>
          <Field id="login-email" name="email" label="Email" errors={errors.byField.email} required>
            {(p) => <input {...p} type="email" value={values.email} onChange={set('email')} autoComplete="username" />}
          </Field>
          <Field id="login-password" name="password" label="Password" errors={errors.byField.password} required>
            {(p) => <input {...p} type="password" value={values.password} onChange={set('password')} autoComplete="current-password" />}
          </Field>
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="auth-card__footer">
          New here? <Link to="/signup">Create a company account</Link>
        </p>
      </div>
    </main>
  );
}
