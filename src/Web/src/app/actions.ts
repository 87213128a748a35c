import type { UserError } from '../api/graphql';
import { newIdempotencyKey } from './idempotency';

/** A mutation run by an action button: the payload field it answers (`shipTransfer`) and its document. */
export interface ActionMutation {
  field: string;
  mutation: string;
}

/** What an action's payload `{ <entity>, userErrors }` comes to: the changed entity, or the messages to show. */
export type ActionOutcome<T> = { ok: true; value: T } | { ok: false; userErrors: UserError[] };

/**
 * Reads the payload of `field` in a mutation's answer: its userErrors if any, else its `entity`. A payload with
 * neither (which the API does not send) counts as a refusal without a message.
 */
export function readActionPayload<T>(answer: Record<string, Record<string, unknown> | undefined>, field: string, entity: string): ActionOutcome<T> {
  const payload = answer[field];
  const userErrors = (payload?.userErrors as UserError[] | undefined) ?? [];
  const value = payload?.[entity] as T | null | undefined;
  if (userErrors.length > 0 || value === null || value === undefined) return { ok: false, userErrors };
  return { ok: true, value };
}

/**
 * One idempotency key per action: a retried action (after a lost answer) sends its key again, so it is applied
 * once, while another action never shares it. `renew` after the action succeeded, so that doing it again is a new
 * request.
 */
export class ActionKeys<A extends string = string> {
  private readonly keys = new Map<A, string>();

  constructor(private readonly create: () => string = newIdempotencyKey) {}

  /** The key of `action`, made on first use. */
  get(action: A): string {
    let key = this.keys.get(action);
    if (key === undefined) {
      key = this.create();
      this.keys.set(action, key);
    }
    return key;
  }

  /** Forgets the key of `action`: its next run gets a new one. */
  renew(action: A): void {
    this.keys.delete(action);
  }
}
