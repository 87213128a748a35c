import { describe, expect, it } from 'vitest';
import { ActionKeys, readActionPayload } from './actions';

describe('ActionKeys', () => {
  function counter() {
    let n = 0;
    return () => `k${++n}`;
  }

  it('keeps the same key for a retried action until it is renewed', () => {
    const keys = new ActionKeys(counter());
    expect(keys.get('commit')).toBe('k1');
    expect(keys.get('commit')).toBe('k1');
    keys.renew('commit');
    expect(keys.get('commit')).toBe('k2');
  });

  it('gives each action its own key, so a retried Commit then a Release are two requests', () => {
    const keys = new ActionKeys(counter());
    const commit = keys.get('commit');
    const release = keys.get('release');
    expect(release).not.toBe(commit);
    keys.renew('release');
    expect(keys.get('commit')).toBe(commit);
  });

  it('makes random keys by default', () => {
    const keys = new ActionKeys();
    expect(keys.get('ship')).toMatch(/^[0-9a-f-]{36}$/);
    expect(new ActionKeys().get('ship')).not.toBe(keys.get('ship'));
  });
});

describe('readActionPayload', () => {
  const transfer = { id: 't1', status: 'IN_TRANSIT' };

  it('answers the entity of a payload without userErrors', () => {
    expect(readActionPayload({ shipTransfer: { transfer, userErrors: [] } }, 'shipTransfer', 'transfer')).toEqual({ ok: true, value: transfer });
  });

  it('answers the userErrors of a refused action', () => {
    const userErrors = [{ code: 'INSUFFICIENT_STOCK', field: null, message: 'Not enough stock.' }];
    expect(readActionPayload({ shipTransfer: { transfer: null, userErrors } }, 'shipTransfer', 'transfer')).toEqual({ ok: false, userErrors });
  });

  it('counts a payload with neither as a refusal', () => {
    expect(readActionPayload({ shipTransfer: { transfer: null, userErrors: [] } }, 'shipTransfer', 'transfer')).toEqual({ ok: false, userErrors: [] });
    expect(readActionPayload({}, 'shipTransfer', 'transfer')).toEqual({ ok: false, userErrors: [] });
  });
});
