import { describe, expect, it } from 'vitest';
import { explainKeyReuse, KEY_REUSED_MESSAGE } from './useForm';

describe('explainKeyReuse', () => {
  it('replaces the API-facing message of a reused key by a plain one, once, keeping the other errors', () => {
    const { userErrors, reused } = explainKeyReuse([
      { code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: "The key was used for another request (receiveStock)." },
      { code: 'VALIDATION', field: 'input.note', message: 'Too long.' },
    ]);
    expect(reused).toBe(true);
    expect(userErrors).toEqual([
      { code: 'VALIDATION', field: 'input.note', message: 'Too long.' },
      { code: 'IDEMPOTENCY_KEY_REUSED', field: null, message: KEY_REUSED_MESSAGE },
    ]);
  });

  it('leaves other answers alone', () => {
    const errors = [{ code: 'STALE', field: 'input.changeFromQuantity', message: 'Count again.' }];
    expect(explainKeyReuse(errors)).toEqual({ userErrors: errors, reused: false });
  });
});
