import { useCallback, useState } from 'react';

/** A fresh idempotency key (a random UUID). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * The idempotency key of one form: the same key for every submit of the same entry, so a submit retried after a
 * lost answer (a network error, a double click) is applied once; `renew` after a success so that the next entry is
 * a new change.
 */
export function useIdempotencyKey(): { key: string; renew: () => void } {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return { key, renew };
}
