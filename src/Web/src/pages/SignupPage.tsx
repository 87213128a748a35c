import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { UserError } from '../api/graphql';
import { LAST_TENANT_KEY } from '../api/session';
import { useSession } from '../app/session';
import { useForm } from '../app/useForm';
import { Field, FormErrors } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { SLUG_PATTERN, suggestSlug } from './signup';

const TENANT = /* GraphQL */ `
  query Tenant($slug: String!) {
    tenant(slug: $slug) { slug status failureReason provisioning { step state message } }
  }
`;

const ONBOARD = /* GraphQL */ `
  mutation OnboardTenant($input: OnboardTenantInput!) {
    onboardTenant(input: $input) { tenant { slug status } userErrors { code field message } }
  }
`;

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) { accessToken userErrors { code field message } }
  }
`;

interface ProvisioningStep {
  step: string;
  state: string;
  message: string | null;
}

interface TenantData {
  tenant: { slug: string; status: 'PROVISIONING' | 'ACTIVE' | 'FAILED' | 'SUSPENDED'; failureReason: string | null; provisioning: ProvisioningStep[] } | null;
}

const stepLabels: Record<string, string> = {
  PLACE_DATABASE: 'Choosing a database server',
  CREATE_DATABASE: 'Creating your database',
  APPLY_MIGRATIONS: 'Preparing the tables',
  SEED_DEFAULTS: 'Adding a first warehouse',
  CREATE_ADMIN: 'Creating your administrator',
  ACTIVATE: 'Opening your account',
};

type Availability = { slug: string; state: 'checking' | 'available' | 'taken' | 'invalid' | 'unknown' };

const fields = ['name', 'slug', 'adminEmail', 'adminPassword'];

/** The onboarding portal: create a company account, follow its provisioning, then go straight in. */
export function SignupPage() {
  const { request, signIn } = useSession();
  const navigate = useNavigate();
  const { values, setValues, errors, setErrors, busy, submit } = useForm({ name: '', slug: '', adminEmail: '', adminPassword: '' }, fields);
  const [slugEdited, setSlugEdited] = useState(false);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [provisioning, setProvisioning] = useState<TenantData['tenant']>(null);
  const [started, setStarted] = useState(false);

  const slug = values.slug.trim();

  // Live availability: asks tenant(slug) once typing pauses.
  useEffect(() => {
    if (!slug) return setAvailability(null);
    if (!SLUG_PATTERN.test(slug)) return setAvailability({ slug, state: 'invalid' });
    setAvailability({ slug, state: 'checking' });
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      request<TenantData>(TENANT, { slug }, controller.signal).then(
        (d) => setAvailability({ slug, state: d.tenant ? 'taken' : 'available' }),
        () => {
          if (!controller.signal.aborted) setAvailability({ slug, state: 'unknown' });
        },
      );
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [slug, request]);

  function set(name: keyof typeof values) {
    return (e: { target: { value: string } }) => {
      const value = e.target.value;
      setValues((v) => {
        const next = { ...v, [name]: value };
        if (name === 'name' && !slugEdited) next.slug = suggestSlug(value);
        return next;
      });
      if (name === 'slug') setSlugEdited(true);
    };
  }

  async function createAccount(e: FormEvent) {
    e.preventDefault();
    await submit(async () => {
      const { onboardTenant } = await request<{ onboardTenant: { tenant: { slug: string; status: string } | null; userErrors: UserError[] } }>(ONBOARD, {
        input: { name: values.name.trim(), slug, adminEmail: values.adminEmail.trim(), adminPassword: values.adminPassword },
      });
      if (onboardTenant.tenant && onboardTenant.userErrors.length === 0) setStarted(true);
      return onboardTenant.userErrors;
    });
  }

  // Follows provisioning until the tenant is ACTIVE (or FAILED), then signs in as its administrator.
  // (A tenantProvisioning subscription will replace this polling.)
  useEffect(() => {
    if (!started) return;
    let cancelled = false;
    let timer = 0;
    const poll = async () => {
      try {
        const { tenant } = await request<TenantData>(TENANT, { slug });
        if (cancelled) return;
        setProvisioning(tenant);
        if (tenant?.status === 'ACTIVE') {
          const { login } = await request<{ login: { accessToken: string | null; userErrors: UserError[] } }>(LOGIN, {
            input: { tenant: slug, email: values.adminEmail.trim(), password: values.adminPassword },
          });
          if (cancelled) return;
          if (login.accessToken) {
            localStorage.setItem(LAST_TENANT_KEY, slug);
            signIn(login.accessToken);
            navigate('/', { replace: true });
          } else {
            setErrors({ byField: {}, general: login.userErrors.map((u) => u.message) });
          }
          return;
        }
        if (tenant?.status === 'FAILED') return;
      } catch (error) {
        if (cancelled) return;
        setErrors({ byField: {}, general: [(error as Error).message] });
      }
      timer = window.setTimeout(poll, 700);
    };
    void poll();
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
    // Runs once per submitted sign-up: the values it reads are the ones submitted.
  }, [started]);

  const slugErrors = errors.byField.slug ?? (availability?.state === 'taken' ? [`“${availability.slug}” is taken. Choose another.`] : availability?.state === 'invalid' ? ['3–40 lower-case letters, digits and -, starting with a letter.'] : undefined);

  return (
    <main id="main" className="auth-page">
      <div className="auth-card auth-card--wide">
        <p className="auth-card__brand">Inventory</p>
        <PageHeader title={started ? 'Setting up your account' : 'Create your company account'} />
        {!started ? (
          <form onSubmit={createAccount} noValidate>
            <FormErrors messages={errors.general} />
            <Field id="signup-name" name="name" label="Company name" errors={errors.byField.name} required>
              {(p) => <input {...p} value={values.name} onChange={set('name')} autoComplete="organization" />}
            </Field>
            <Field id="signup-slug" name="slug" label="Account name (slug)" errors={slugErrors} required hint="Used to sign in and in addresses; cannot change later.">
              {(p) => <input {...p} value={values.slug} onChange={set('slug')} autoCapitalize="none" spellCheck={false} />}
            </Field>
            <p className="availability" role="status" aria-live="polite">
              {availability?.state === 'checking' && 'Checking…'}
              {availability?.state === 'available' && `“${availability.slug}” is available.`}
              {availability?.state === 'unknown' && 'Could not check the name right now.'}
            </p>
            <Field id="signup-email" name="adminEmail" label="Administrator email" errors={errors.byField.adminEmail} required>
              {(p) => <input {...p} type="email" value={values.adminEmail} onChange={set('adminEmail')} autoComplete="email" />}
            </Field>
            <Field id="signup-password" name="adminPassword" label="Administrator password" errors={errors.byField.adminPassword} required hint="At least 10 characters with three of: lower case, upper case, digit, symbol.">
              {(p) => <input {...p} type="password" value={values.adminPassword} onChange={set('adminPassword')} autoComplete="new-password" />}
            </Field>
            <button type="submit" className="button button--primary button--wide" disabled={busy || availability?.state === 'taken'}>
              {busy ? 'Creating…' : 'Create account'}
            </button>
          </form>
        ) : (
          <section aria-labelledby="provisioning-title">
            <h2 id="provisioning-title" className="visually-hidden">
              Provisioning progress
            </h2>
            <FormErrors messages={errors.general} />
            {provisioning?.status === 'FAILED' && (
              <div className="form-errors" role="alert">
                <p>Setting up failed: {provisioning.failureReason ?? 'unknown reason'}. Our operators can resume it; please contact support.</p>
              </div>
            )}
            <ol className="steps" aria-live="polite">
              {(provisioning?.provisioning ?? []).map((s) => (
                <li key={s.step} className={`steps__item steps__item--${s.state.toLowerCase()}`}>
                  <span className="steps__label">{stepLabels[s.step] ?? s.step}</span> <span className="steps__state">{s.state.toLowerCase().replace(/_/g, ' ')}</span>
                  {s.message && <span className="steps__message"> — {s.message}</span>}
                </li>
              ))}
            </ol>
            <p role="status">{provisioning?.status === 'ACTIVE' ? 'Ready. Signing you in…' : 'This usually takes a few seconds.'}</p>
          </section>
        )}
        <p className="auth-card__footer">
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      </div>
    </main>
  );
}
