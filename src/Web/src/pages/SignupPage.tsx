import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { UserError } from '../api/graphql';
import { LAST_TENANT_KEY } from '../api/session';
import { useSession } from '../app/session';
import { useForm } from '../app/useForm';
import { Field, FormErrors } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { createSubscriptionClient, subscribe, webSocketUrl } from '../api/subscriptions';
import { applyProgress, initialProvisioning, SLUG_PATTERN, suggestSlug, type ProvisioningProgress, type ProvisioningView, type TenantStatus } from './signup';

const TENANT = /* GraphQL */ `
  query Tenant($slug: String!) {
    tenant(slug: $slug) { slug status }
  }
`;

const PROVISIONING = /* GraphQL */ `
  subscription TenantProvisioning($slug: String!) {
    tenantProvisioning(slug: $slug) { step state message position stepCount tenantStatus updatedAt }
  }
`;

const ONBOARD = /* GraphQL */ `
  mutation OnboardTenant($input: OnboardTenantInput!) {
    onboardTenant(input: $input) { tenant { slug status } userErrors { code field message } }
  }
`;

const CONFIRM = /* GraphQL */ `
  mutation ConfirmTenantSignup($input: ConfirmTenantSignupInput!) {
    confirmTenantSignup(input: $input) { tenant { slug status } userErrors { code field message } }
  }
`;

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) { accessToken userErrors { code field message } }
  }
`;

interface TenantData {
  tenant: { slug: string; status: TenantStatus } | null;
}

const stepLabels: Record<string, string> = {
  PLACE_DATABASE: 'Choosing a database server',
  CREATE_DATABASE: 'Creating your database',
  APPLY_MIGRATIONS: 'Preparing the tables',
  SEED_DEFAULTS: 'Adding a first warehouse',
  CREATE_ADMIN: 'Creating your administrator',
  ACTIVATE: 'Opening your account',
};

const stepStateLabels: Record<string, string> = { PENDING: 'waiting', RUNNING: 'in progress', DONE: 'done', FAILED: 'failed' };

type Availability = { slug: string; state: 'checking' | 'available' | 'taken' | 'invalid' | 'unknown' };

const fields = ['name', 'slug', 'adminEmail', 'adminPassword'];

/** The onboarding portal: create a company account, follow its provisioning, then go straight in. */
export function SignupPage() {
  const { request, signIn } = useSession();
  const navigate = useNavigate();
  const { values, setValues, errors, setErrors, busy, submit } = useForm({ name: '', slug: '', adminEmail: '', adminPassword: '' }, fields);
  const [slugEdited, setSlugEdited] = useState(false);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [provisioning, setProvisioning] = useState<ProvisioningView>(initialProvisioning);
  const [started, setStarted] = useState(false);
  const [code, setCode] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [codeErrors, setCodeErrors] = useState<string[]>([]);

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
      if (onboardTenant.tenant && onboardTenant.userErrors.length === 0) {
        const status = onboardTenant.tenant.status as TenantStatus;
        setProvisioning((view) => ({ ...view, tenantStatus: status }));
        setStarted(true);
      }
      return onboardTenant.userErrors;
    });
  }

  // When the deployment verifies signups: the code emailed to the administrator starts provisioning.
  async function confirmCode(e: FormEvent) {
    e.preventDefault();
    setConfirming(true);
    try {
      const { confirmTenantSignup } = await request<{ confirmTenantSignup: { tenant: { slug: string; status: string } | null; userErrors: UserError[] } }>(CONFIRM, {
        input: { slug, code: code.trim() },
      });
      setCodeErrors(confirmTenantSignup.userErrors.map((u) => u.message));
      if (confirmTenantSignup.tenant && confirmTenantSignup.userErrors.length === 0) {
        const status = confirmTenantSignup.tenant.status as TenantStatus;
        setProvisioning((view) => ({ ...view, tenantStatus: status }));
      }
    } catch (error) {
      setCodeErrors([(error as Error).message]);
    } finally {
      setConfirming(false);
    }
  }

  // Follows provisioning live (tenantProvisioning over an anonymous socket: the steps as they stand, then each
  // change, complete at ACTIVE or FAILED); at ACTIVE signs in as the new administrator and opens the dashboard.
  useEffect(() => {
    if (!started) return;
    let cancelled = false;
    let signingIn = false;
    const client = createSubscriptionClient({ url: webSocketUrl(window.location), token: () => null });
    const signInAsAdmin = async () => {
      signingIn = true;
      try {
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
      } catch (error) {
        if (!cancelled) setErrors({ byField: {}, general: [(error as Error).message] });
      }
    };
    const stop = subscribe<{ tenantProvisioning: ProvisioningProgress }>(client, PROVISIONING, { slug }, {
      next: ({ tenantProvisioning: e }) => {
        if (cancelled) return;
        setProvisioning((view) => applyProgress(view, e));
        if (e.tenantStatus === 'ACTIVE' && !signingIn) void signInAsAdmin();
      },
      error: (error) => {
        if (!cancelled) setErrors({ byField: {}, general: [`Lost track of the set-up: ${error.message} Reload the page to follow it again.`] });
      },
    });
    return () => {
      cancelled = true;
      stop();
      void client.dispose();
    };
    // Runs once per submitted sign-up: the values it reads are the ones submitted.
  }, [started]);

  const failedStep = provisioning.steps.find((s) => s.state === 'FAILED');

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
            {failedStep && (
              <div className="form-errors" role="alert">
                <p>
                  Setting up your account failed at “{stepLabels[failedStep.step] ?? failedStep.step}”{failedStep.message ? `: ${failedStep.message}` : '.'} Nothing
                  was lost: our operators can resume it. Please contact support and mention the account name “{slug}”.
                </p>
              </div>
            )}
            {provisioning.tenantStatus === 'PENDING_VERIFICATION' && (
              <form onSubmit={confirmCode} noValidate aria-label="Confirm your email address">
                <p>We emailed a confirmation code to {values.adminEmail.trim()}. Enter it to create your account.</p>
                <FormErrors messages={codeErrors} />
                <Field id="signup-code" name="code" label="Confirmation code" required>
                  {(p) => <input {...p} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" inputMode="numeric" />}
                </Field>
                <button type="submit" className="button button--primary button--wide" disabled={confirming || code.trim() === ''}>
                  {confirming ? 'Confirming…' : 'Confirm'}
                </button>
              </form>
            )}
            {provisioning.tenantStatus === 'PENDING_APPROVAL' && (
              <p role="status">Your account is waiting for approval by our team. This page continues on its own once it is approved.</p>
            )}
            {provisioning.tenantStatus === 'REJECTED' && (
              <div className="form-errors" role="alert">
                <p>Your signup for “{slug}” was not approved. Please contact support if you think this is a mistake.</p>
              </div>
            )}
            {provisioning.tenantStatus === 'FAILED' && !failedStep && (
              <div className="form-errors" role="alert">
                <p>Setting up your account failed. Our operators can resume it; please contact support and mention the account name “{slug}”.</p>
              </div>
            )}
            <ol className="steps" aria-label="Set-up steps">
              {provisioning.steps.map((s) => (
                <li key={s.step} className={`steps__item steps__item--${s.state.toLowerCase()}`} data-step={s.step} data-state={s.state}>
                  <span className="steps__label">{stepLabels[s.step] ?? s.step}</span> <span className="steps__state">{stepStateLabels[s.state]}</span>
                  {s.message && <span className="steps__message"> — {s.message}</span>}
                </li>
              ))}
            </ol>
            <p role="status" aria-live="polite">
              {provisioning.tenantStatus === 'ACTIVE'
                ? 'Ready. Signing you in…'
                : provisioning.tenantStatus === 'FAILED' || provisioning.tenantStatus.startsWith('PENDING_') || provisioning.tenantStatus === 'REJECTED'
                  ? ''
                  : `${provisioning.steps.filter((s) => s.state === 'DONE').length} of ${provisioning.steps.length} steps done. This usually takes a few seconds.`}
            </p>
          </section>
        )}
        <p className="auth-card__footer">
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      </div>
    </main>
  );
}
