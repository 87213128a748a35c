import { useState } from 'react';
import { groupUserErrors, noFieldErrors, type FieldErrors, type UserError } from '../api/graphql';

/**
 * A form's values, its errors per field and its busy state. `submit` runs a mutation: the userErrors it
 * answers go under the fields they name (others above the form), a failed request above the form.
 */
export function useForm<V extends Record<string, string>>(initial: V, fields: readonly string[]) {
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
      const userErrors = await mutation();
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
