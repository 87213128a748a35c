/** Slug rule of onboardTenant: 3-40 of lower-case letters, digits and '-', starting with a letter. */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{2,39}$/;

/** A slug suggested from a company name: "Acme Ltd." → "acme-ltd". */
export function suggestSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug;
}

/** The provisioning steps in the order the server runs them (tenantProvisioning's `position`). */
export const PROVISIONING_STEPS = ['PLACE_DATABASE', 'CREATE_DATABASE', 'APPLY_MIGRATIONS', 'SEED_DEFAULTS', 'CREATE_ADMIN', 'ACTIVATE'] as const;

export type StepState = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED';
export type TenantStatus = 'PROVISIONING' | 'ACTIVE' | 'FAILED' | 'SUSPENDED' | 'PENDING_VERIFICATION' | 'PENDING_APPROVAL' | 'REJECTED';

/** One event of the tenantProvisioning subscription. */
export interface ProvisioningProgress {
  step: string;
  state: StepState;
  message: string | null;
  position: number;
  stepCount: number;
  tenantStatus: TenantStatus;
  updatedAt: string;
}

export interface ProvisioningView {
  steps: { step: string; position: number; state: StepState; message: string | null; updatedAt: string | null }[];
  tenantStatus: TenantStatus;
}

/** Before the first event: every known step pending. */
export function initialProvisioning(): ProvisioningView {
  return {
    steps: PROVISIONING_STEPS.map((step, i) => ({ step, position: i + 1, state: 'PENDING', message: null, updatedAt: null })),
    tenantStatus: 'PROVISIONING',
  };
}

/**
 * The view after one event: the step takes the event's state (unless the event is older than what is shown),
 * steps the server knows and the page does not are added in their position, and the tenant status follows.
 */
export function applyProgress(view: ProvisioningView, e: ProvisioningProgress): ProvisioningView {
  const current = view.steps.find((s) => s.step === e.step);
  if (current?.updatedAt && Date.parse(e.updatedAt) < Date.parse(current.updatedAt)) return view;
  const next = { step: e.step, position: e.position, state: e.state, message: e.message, updatedAt: e.updatedAt };
  const steps = current ? view.steps.map((s) => (s.step === e.step ? next : s)) : [...view.steps, next].sort((a, b) => a.position - b.position);
  // A final status is kept: the stream ends there.
  const tenantStatus = view.tenantStatus === 'ACTIVE' || view.tenantStatus === 'FAILED' || view.tenantStatus === 'REJECTED' ? view.tenantStatus : e.tenantStatus;
  return { steps, tenantStatus };
}
