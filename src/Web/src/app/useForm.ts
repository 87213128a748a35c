import { useState } from 'react';
import { groupUserErrors, noFieldErrors, type FieldErrors, type UserError } from '../api/graphql';

const KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

export const KEY_REUSED_MESSAGE =
  'An earlier submit of this form was saved, but its answer did not arrive, and the form has changed since. Check the current figures first: submitting again makes a second change.';

/**
 * IDEMPOTENCY_KEY_REUSED means the form's key was used for another request: an earlier submit of this form was
 * applied but its answer was lost, and the entry was changed since. Its message (written for API clients) is
 * replaced by one that says so plainly.
 */
export function explainKeyReuse(userErrors: readonly UserError[]): { userErrors: UserError[]; reused: boolean } {
  const reused = userErrors.some((e) => e.code === KEY_REUSED);
  if (!reused) return { userErrors: [...userErrors], reused };
  return { userErrors: [...userErrors.filter((e) => e.code !== KEY_REUSED), { code: KEY_REUSED, field: null, message: KEY_REUSED_MESSAGE }], reused };
}

export interface FormOptions {
  /** The form's idempotency key: renewed when the API answers that it was used for another request. */
  idempotency?: { renew: () => void };
}

/**
 * A form's values, its errors per field and its busy state. `submit` runs a mutation: the userErrors it
 * answers go under the fields they name (others above the form), a failed request above the form.
 */
export function useForm<V extends Record<string, string>>(initial: V, fields: readonly string[], options: FormOptions = {}) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [busy, setBusy] = useState(false);

  /** onChange handler of the field `name`. */
  const set = (name: keyof V) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));

  /** Runs `mutation` (which answers the payload's userErrors); true when it succeeded without any. */
  async function submit(mutation: () => Promise<readonly UserError[]>): Promise<boolean> {
    setBusy(true);
    setErrors(noFieldErrors);
    try {
      const answered = await mutation();
      const { userErrors, reused } = explainKeyReuse(answered);
      // A deliberate resubmit after reading the explanation is a new change: it needs a new key.
      if (reused) options.idempotency?.renew();
      if (userErrors.length > 0) setErrors(groupUserErrors(userErrors, fields));
      return userErrors.length === 0;
    } catch (error) {
      setErrors({ byField: {}, general: [(error as Error).message] });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { values, setValues, set, errors, setErrors, busy, submit };
}
