import { describe, expect, it } from 'vitest';
import { applyProgress, initialProvisioning, PROVISIONING_STEPS, SLUG_PATTERN, suggestSlug, type StepState, type TenantStatus } from './signup';

describe('suggestSlug', () => {
  it('makes a valid slug from a company name', () => {
    expect(suggestSlug('Acme Ltd.')).toBe('acme-ltd');
    expect(suggestSlug('  Crème Brûlée & Co  ')).toBe('creme-brulee-co');
    expect(suggestSlug('42 Widgets')).toBe('widgets');
    expect(SLUG_PATTERN.test(suggestSlug('Acme Ltd.'))).toBe(true);
  });

  it('keeps to 40 characters', () => {
    expect(suggestSlug('a'.repeat(60)).length).toBe(40);
  });
});

describe('SLUG_PATTERN', () => {
  it('follows onboardTenant: 3-40 lower-case letters, digits and -, starting with a letter', () => {
    expect(SLUG_PATTERN.test('acme')).toBe(true);
    expect(SLUG_PATTERN.test('ab')).toBe(false);
    expect(SLUG_PATTERN.test('1acme')).toBe(false);
    expect(SLUG_PATTERN.test('Acme')).toBe(false);
  });
});

describe('applyProgress', () => {
  const event = (step: string, state: StepState, position: number, updatedAt: string, tenantStatus: TenantStatus = 'PROVISIONING') => ({
    step,
    state,
    message: null,
    position,
    stepCount: 6,
    tenantStatus,
    updatedAt,
  });

  it('starts with the six steps pending, in order', () => {
    const view = initialProvisioning();
    expect(view.steps.map((s) => s.step)).toEqual([...PROVISIONING_STEPS]);
    expect(view.steps.every((s) => s.state === 'PENDING')).toBe(true);
  });

  it('updates a step in place and follows the tenant status', () => {
    let view = applyProgress(initialProvisioning(), event('PLACE_DATABASE', 'RUNNING', 1, '2026-01-01T00:00:01Z'));
    view = applyProgress(view, event('PLACE_DATABASE', 'DONE', 1, '2026-01-01T00:00:02Z'));
    view = applyProgress(view, event('ACTIVATE', 'DONE', 6, '2026-01-01T00:00:09Z', 'ACTIVE'));
    expect(view.steps[0]!.state).toBe('DONE');
    expect(view.steps[5]!.state).toBe('DONE');
    expect(view.steps).toHaveLength(6);
    expect(view.tenantStatus).toBe('ACTIVE');
  });

  it('ignores an event older than the step shown', () => {
    let view = applyProgress(initialProvisioning(), event('CREATE_DATABASE', 'DONE', 2, '2026-01-01T00:00:05Z'));
    view = applyProgress(view, event('CREATE_DATABASE', 'RUNNING', 2, '2026-01-01T00:00:03Z'));
    expect(view.steps[1]!.state).toBe('DONE');
  });

  it('adds a step it did not know in its position, and keeps FAILED', () => {
    let view = applyProgress(initialProvisioning(), event('WARM_UP', 'FAILED', 3, '2026-01-01T00:00:05Z', 'FAILED'));
    view = applyProgress(view, event('WARM_UP', 'FAILED', 3, '2026-01-01T00:00:06Z', 'PROVISIONING'));
    expect(view.steps.map((s) => s.step).indexOf('WARM_UP')).toBe(3);
    expect(view.tenantStatus).toBe('FAILED');
  });

  it('follows a pending signup into provisioning once it is confirmed, and keeps REJECTED', () => {
    let view = applyProgress(initialProvisioning(), event('PLACE_DATABASE', 'PENDING', 1, '2026-01-01T00:00:01Z', 'PENDING_VERIFICATION'));
    expect(view.tenantStatus).toBe('PENDING_VERIFICATION');
    view = applyProgress(view, event('PLACE_DATABASE', 'RUNNING', 1, '2026-01-01T00:00:02Z', 'PROVISIONING'));
    expect(view.tenantStatus).toBe('PROVISIONING');

    let rejected = applyProgress(initialProvisioning(), event('PLACE_DATABASE', 'PENDING', 1, '2026-01-01T00:00:01Z', 'REJECTED'));
    rejected = applyProgress(rejected, event('PLACE_DATABASE', 'PENDING', 1, '2026-01-01T00:00:01Z', 'PENDING_APPROVAL'));
    expect(rejected.tenantStatus).toBe('REJECTED');
  });
});
