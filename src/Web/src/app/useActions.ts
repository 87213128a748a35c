import { useRef, useState } from 'react';
import type { UserError } from '../api/graphql';
import { ActionKeys, readActionPayload, type ActionMutation } from './actions';
import { useSession } from './session';

interface ActionsOptions {
  /**
   * The variable that carries the action's idempotency key (`key` by default); null for mutations that take
   * none.
   */
  keyVariable?: string | null;
  /** Called with the userErrors of a refused action (after they are shown), e.g. to read the entity again. */
  onRefused?: (userErrors: UserError[]) => void;
}

/**
 * Actions on one entity (a row's Ship / Receive / Cancel...), each a mutation answering `{ <entity>, userErrors }`:
 * which one is running, the messages of the last refusal or failure, and an idempotency key per action, renewed
 * after its success.
 */
export function useActions<A extends string, T>(entity: string, mutations: Readonly<Record<A, ActionMutation>>, options: ActionsOptions = {}) {
  const { request } = useSession();
  const keys = useRef(new ActionKeys<A>());
  const [busy, setBusy] = useState<A | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const keyVariable = options.keyVariable === undefined ? 'key' : options.keyVariable;

  /** Runs `action` with `variables` (plus its key); answers the changed entity, or null when refused or failed. */
  async function run(action: A, variables: Record<string, unknown>): Promise<T | null> {
    const { field, mutation } = mutations[action];
    setBusy(action);
    setErrors([]);
    try {
      const vars = keyVariable ? { ...variables, [keyVariable]: keys.current.get(action) } : variables;
      const outcome = readActionPayload<T>(await request<Record<string, Record<string, unknown>>>(mutation, vars), field, entity);
      if (outcome.ok) {
        keys.current.renew(action);
        return outcome.value;
      }
      setErrors(outcome.userErrors.map((u) => u.message));
      options.onRefused?.(outcome.userErrors);
      return null;
    } catch (e) {
      setErrors([(e as Error).message]);
      return null;
    } finally {
      setBusy(null);
    }
  }

  return { busy, errors, run };
}
