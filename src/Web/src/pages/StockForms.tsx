import { useRef, useState, type FormEvent } from 'react';
import type { UserError } from '../api/graphql';
import { useIdempotencyKey } from '../app/idempotency';
import { useSession } from '../app/session';
import { useForm } from '../app/useForm';
import { Dialog } from '../components/Dialog';
import { Field, FormErrors, type ControlProps } from '../components/Field';
import { WarehouseSelect } from '../components/WarehouseSelect';
import {
  adjustReasons,
  countReasons,
  moveDirections,
  parseWholeNumber,
  reasonMismatch,
  sameLevel,
  signed,
  splitStale,
  staleExplanation,
  units,
  type MoveDirection,
} from './stockForms';
import './stock-forms.css';

const LEVEL_FIELDS = 'id sku warehouseCode onHand reserved committed damaged safetyStock incoming available reorderPoint version updatedAt';

const RECEIVE = /* GraphQL */ `
  mutation ReceiveStock($input: ReceiveStockInput!, $key: String!) {
    receiveStock(input: $input, idempotencyKey: $key) { stockLevel { ${LEVEL_FIELDS} } replayed userErrors { code field message } }
  }
`;

const ADJUST = /* GraphQL */ `
  mutation AdjustStock($input: AdjustStockInput!, $key: String!) {
    adjustStock(input: $input, idempotencyKey: $key) { stockLevel { ${LEVEL_FIELDS} } replayed userErrors { code field message } }
  }
`;

const SET = /* GraphQL */ `
  mutation SetStock($input: SetStockInput!, $key: String!) {
    setStock(input: $input, idempotencyKey: $key) { stockLevel { ${LEVEL_FIELDS} } replayed userErrors { code field message } }
  }
`;

const MOVE = /* GraphQL */ `
  mutation MoveStock($input: MoveStockInput!, $key: String!) {
    moveStock(input: $input, idempotencyKey: $key) { stockLevel { ${LEVEL_FIELDS} } replayed userErrors { code field message } }
  }
`;

const STOCK_LEVEL = /* GraphQL */ `
  query StockLevelOnHand($sku: String!, $warehouseCode: String!) { stockLevel(sku: $sku, warehouseCode: $warehouseCode) { sku warehouseCode onHand } }
`;

interface Level {
  sku: string;
  warehouseCode: string;
  onHand: number;
  damaged: number;
  available: number;
}

interface Payload {
  stockLevel: Level | null;
  replayed: boolean;
  userErrors: UserError[];
}

export type StockFormKind = 'receive' | 'adjust' | 'set' | 'move';

/** The level a form is about: from a grid row (with the on hand the row showed), or empty from the page's buttons. */
export interface StockTarget {
  sku: string;
  warehouseCode: string;
  onHand: number | null;
}

export const stockFormTitles: Record<StockFormKind, string> = {
  receive: 'Receive stock',
  adjust: 'Adjust stock',
  set: 'Set counted quantity',
  move: 'Move stock',
};

interface FormProps {
  target: StockTarget | null;
  onCancel: () => void;
  onDone: (message: string) => void;
}

/** The dialog of one stock form; `onDone` gets what happened, to show in the page's status message. */
export function StockFormDialog({
  form,
  onClose,
  onDone,
}: {
  form: { kind: StockFormKind; target: StockTarget | null } | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const title = form ? stockFormTitles[form.kind] + (form.target ? ` — ${form.target.sku} in ${form.target.warehouseCode}` : '') : '';
  const props = form && { target: form.target, onCancel: onClose, onDone };
  return (
    <Dialog open={form !== null} title={title} onClose={onClose}>
      {form && props && form.kind === 'receive' && <ReceiveForm {...props} />}
      {form && props && form.kind === 'adjust' && <AdjustForm {...props} />}
      {form && props && form.kind === 'set' && <SetForm {...props} />}
      {form && props && form.kind === 'move' && <MoveForm {...props} />}
    </Dialog>
  );
}

const replayedNote = (p: Payload) => (p.replayed ? ' (this repeats an earlier request: nothing was applied again)' : '');

type Values = Record<string, string> & { sku: string; warehouseCode: string };

/** SKU and warehouse of the level, pre-filled from the row. */
function LevelFields({
  prefix,
  values,
  onChange,
  errors,
}: {
  prefix: string;
  values: Values;
  onChange: (name: 'sku' | 'warehouseCode', value: string) => void;
  errors: Record<string, string[]>;
}) {
  return (
    <>
      <Field id={`${prefix}-sku`} name="sku" label="SKU" errors={errors.sku} required>
        {(p) => (
          <input {...p} value={values.sku} onChange={(e) => onChange('sku', e.target.value)} autoCapitalize="characters" spellCheck={false} />
        )}
      </Field>
      <Field id={`${prefix}-warehouse`} name="warehouseCode" label="Warehouse" errors={errors.warehouseCode} required>
        {(p) => <WarehouseSelect control={p} value={values.warehouseCode} onChange={(code) => onChange('warehouseCode', code)} />}
      </Field>
    </>
  );
}

function TextFields({ prefix, values, set, errors }: { prefix: string; values: { reference: string; note: string }; set: (name: 'reference' | 'note') => (e: { target: { value: string } }) => void; errors: Record<string, string[]> }) {
  return (
    <>
      <Field id={`${prefix}-reference`} name="reference" label="Reference" errors={errors.reference} hint="The document behind it, e.g. po:42.">
        {(p) => <input {...p} value={values.reference} onChange={set('reference')} spellCheck={false} />}
      </Field>
      <Field id={`${prefix}-note`} name="note" label="Note" errors={errors.note}>
        {(p) => <input {...p} value={values.note} onChange={set('note')} />}
      </Field>
    </>
  );
}

function Actions({ busy, label, busyLabel, onCancel, disabled }: { busy: boolean; label: string; busyLabel: string; onCancel: () => void; disabled?: boolean }) {
  return (
    <div className="form__actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button--primary" disabled={busy || disabled} aria-busy={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

function level(values: Values) {
  return { sku: values.sku.trim(), warehouseCode: values.warehouseCode.trim() };
}

const receiveFields = ['sku', 'warehouseCode', 'quantity', 'reference', 'note'] as const;

function ReceiveForm({ target, onCancel, onDone }: FormProps) {
  const { request } = useSession();
  const idempotency = useIdempotencyKey();
  const { values, setValues, set, errors, setErrors, busy, submit } = useForm(
    { sku: target?.sku ?? '', warehouseCode: target?.warehouseCode ?? '', quantity: '', reference: '', note: '' },
    receiveFields,
    { idempotency },
  );

  async function save(e: FormEvent) {
    e.preventDefault();
    const quantity = parseWholeNumber(values.quantity);
    if (quantity === null) {
      setErrors({ byField: { quantity: ['Enter a whole number of units.'] }, general: [] });
      return;
    }
    let result: Payload | undefined;
    const ok = await submit(async () => {
      result = (
        await request<{ receiveStock: Payload }>(RECEIVE, {
          input: { ...level(values), quantity, reference: values.reference.trim() || null, note: values.note.trim() || null },
          key: idempotency.key,
        })
      ).receiveStock;
      return result.userErrors;
    });
    if (ok && result?.stockLevel) {
      const l = result.stockLevel;
      idempotency.renew();
      onDone(`Received ${units(quantity)} of ${l.sku} in ${l.warehouseCode}: on hand is now ${l.onHand}.${replayedNote(result)}`);
    }
  }

  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors messages={errors.general} />
      <div className="form__grid">
        <LevelFields prefix="receive" values={values} onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))} errors={errors.byField} />
        <Field id="receive-quantity" name="quantity" label="Quantity" errors={errors.byField.quantity} required hint="Units arriving: 1 or more.">
          {(p) => (
            <input {...p} type="number" min={1} step={1} inputMode="numeric" value={values.quantity} onChange={set('quantity')} data-autofocus={target ? true : undefined} />
          )}
        </Field>
        <TextFields prefix="receive" values={values} set={set} errors={errors.byField} />
      </div>
      <Actions busy={busy} label="Receive" busyLabel="Receiving…" onCancel={onCancel} />
    </form>
  );
}

const adjustFields = ['sku', 'warehouseCode', 'delta', 'reason', 'reference', 'note'] as const;

function AdjustForm({ target, onCancel, onDone }: FormProps) {
  const { request } = useSession();
  const idempotency = useIdempotencyKey();
  const { values, setValues, set, errors, setErrors, busy, submit } = useForm(
    { sku: target?.sku ?? '', warehouseCode: target?.warehouseCode ?? '', delta: '', reason: 'CORRECTION', reference: '', note: '' },
    adjustFields,
    { idempotency },
  );

  async function save(e: FormEvent) {
    e.preventDefault();
    const delta = parseWholeNumber(values.delta);
    if (delta === null || delta === 0) {
      setErrors({ byField: { delta: ['Enter a whole number other than 0: negative takes stock away.'] }, general: [] });
      return;
    }
    const mismatch = reasonMismatch(values.reason, delta);
    if (mismatch) {
      setErrors({ byField: { reason: [mismatch] }, general: [] });
      return;
    }
    let result: Payload | undefined;
    const ok = await submit(async () => {
      result = (
        await request<{ adjustStock: Payload }>(ADJUST, {
          input: { ...level(values), delta, reason: values.reason, reference: values.reference.trim() || null, note: values.note.trim() || null },
          key: idempotency.key,
        })
      ).adjustStock;
      return result.userErrors;
    });
    if (ok && result?.stockLevel) {
      const l = result.stockLevel;
      idempotency.renew();
      onDone(`Adjusted ${l.sku} in ${l.warehouseCode} by ${signed(delta)} (${values.reason}): on hand is now ${l.onHand}.${replayedNote(result)}`);
    }
  }

  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors messages={errors.general} />
      <div className="form__grid">
        <LevelFields prefix="adjust" values={values} onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))} errors={errors.byField} />
        <Field id="adjust-delta" name="delta" label="Change (delta)" errors={errors.byField.delta} required hint="Signed: -3 takes 3 away, 5 adds 5.">
          {(p) => <input {...p} type="number" step={1} inputMode="numeric" value={values.delta} onChange={set('delta')} data-autofocus={target ? true : undefined} />}
        </Field>
        <Field id="adjust-reason" name="reason" label="Reason" errors={errors.byField.reason} required>
          {(p) => (
            <select {...p} value={values.reason} onChange={set('reason')}>
              {adjustReasons.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextFields prefix="adjust" values={values} set={set} errors={errors.byField} />
      </div>
      <Actions busy={busy} label="Adjust" busyLabel="Adjusting…" onCancel={onCancel} />
    </form>
  );
}

const setFields = ['sku', 'warehouseCode', 'onHand', 'changeFromQuantity', 'reason', 'reference', 'note'] as const;

interface CountBase {
  sku: string;
  warehouseCode: string;
  onHand: number;
}

/**
 * A count (compare-and-set): saved only while on hand is still what the count started from. When it is not (STALE),
 * the form says what on hand is now and offers to count again from there; it never overwrites on its own.
 */
function SetForm({ target, onCancel, onDone }: FormProps) {
  const { request } = useSession();
  const idempotency = useIdempotencyKey();
  const { values, setValues, set, errors, setErrors, busy, submit } = useForm(
    { sku: target?.sku ?? '', warehouseCode: target?.warehouseCode ?? '', onHand: '', reason: 'CYCLE_COUNT', reference: '', note: '' },
    setFields,
    { idempotency },
  );
  const [base, setBase] = useState<CountBase | null>(target && target.onHand !== null ? { sku: target.sku, warehouseCode: target.warehouseCode, onHand: target.onHand } : null);
  const [reading, setReading] = useState(false);
  const [stale, setStale] = useState<{ from: number; now: number | null; counted: number; message: string } | null>(null);
  const countedRef = useRef<HTMLInputElement>(null);
  const current = base && sameLevel(base, values) ? base : null;

  async function readOnHand(): Promise<number | null> {
    const { stockLevel } = await request<{ stockLevel: { onHand: number } | null }>(STOCK_LEVEL, level(values));
    return stockLevel?.onHand ?? 0;
  }

  async function startCount() {
    const missing: Record<string, string[]> = {};
    if (!values.sku.trim()) missing.sku = ['Enter the SKU to count.'];
    if (!values.warehouseCode.trim()) missing.warehouseCode = ['Choose the warehouse to count in.'];
    if (Object.keys(missing).length > 0) {
      setErrors({ byField: missing, general: [] });
      return;
    }
    setReading(true);
    try {
      const onHand = await readOnHand();
      setErrors({ byField: {}, general: [] });
      if (onHand !== null) setBase({ ...level(values), onHand });
      countedRef.current?.focus();
    } catch (error) {
      setErrors({ byField: {}, general: [(error as Error).message] });
    } finally {
      setReading(false);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!current) {
      setErrors({ byField: {}, general: ['Start the count first: it reads the on hand the count starts from.'] });
      return;
    }
    const counted = parseWholeNumber(values.onHand);
    if (counted === null) {
      setErrors({ byField: { onHand: ['Enter the counted quantity: a whole number, 0 or more.'] }, general: [] });
      return;
    }
    let result: Payload | undefined;
    let staleError: UserError | null = null;
    const ok = await submit(async () => {
      result = (
        await request<{ setStock: Payload }>(SET, {
          input: {
            ...level(values),
            onHand: counted,
            changeFromQuantity: current.onHand,
            reason: values.reason,
            reference: values.reference.trim() || null,
            note: values.note.trim() || null,
          },
          key: idempotency.key,
        })
      ).setStock;
      const { stale, rest } = splitStale(result.userErrors);
      staleError = stale;
      return rest;
    });
    if (staleError) {
      const message = (staleError as UserError).message;
      let now: number | null = null;
      try {
        now = await readOnHand();
      } catch {
        now = null;
      }
      setStale({ from: current.onHand, now, counted, message });
      return;
    }
    if (ok && result?.stockLevel) {
      const l = result.stockLevel;
      idempotency.renew();
      onDone(`Counted ${l.sku} in ${l.warehouseCode}: on hand set from ${current.onHand} to ${l.onHand}.${replayedNote(result)}`);
    }
  }

  function countAgain() {
    if (!stale || stale.now === null || !current) return;
    setBase({ ...current, onHand: stale.now });
    setStale(null);
    setValues((v) => ({ ...v, onHand: '' }));
    idempotency.renew();
    countedRef.current?.focus();
  }

  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors messages={errors.general} />
      {stale && (
        <div className="stale" role="alert">
          <p className="stale__title">Not saved: on hand changed since the count started.</p>
          {stale.now !== null ? <p>{staleExplanation(stale.from, stale.now, stale.counted)}</p> : <p>{stale.message}</p>}
          {stale.now !== null ? (
            <button type="button" className="button button--primary" onClick={countAgain}>
              Count again from {stale.now}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void startCount().then(() => setStale(null))}>
              Read on hand again
            </button>
          )}
        </div>
      )}
      <div className="form__grid">
        <LevelFields prefix="set" values={values} onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))} errors={errors.byField} />
      </div>
      <div className="count-base" data-testid="count-base">
        {current ? (
          <p>
            Counting from <strong>{current.onHand}</strong>
            <span className="count-base__hint"> — the on hand when the count started. If stock moves before you save, nothing is overwritten: you are asked to count again.</span>
          </p>
        ) : (
          <p>
            <button type="button" className="button" onClick={() => void startCount()} disabled={reading} aria-busy={reading}>
              {reading ? 'Reading on hand…' : 'Start count'}
            </button>
            <span className="count-base__hint"> Reads the current on hand, which the count starts from.</span>
          </p>
        )}
        {errors.byField.changeFromQuantity && <p className="field__error">{errors.byField.changeFromQuantity.join(' ')}</p>}
      </div>
      <div className="form__grid">
        <Field id="set-on-hand" name="onHand" label="Counted quantity" errors={errors.byField.onHand} required hint="What is on the shelf: 0 or more.">
          {(p: ControlProps) => (
            <input
              {...p}
              ref={countedRef}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={values.onHand}
              onChange={set('onHand')}
              data-autofocus={current ? true : undefined}
            />
          )}
        </Field>
        <Field id="set-reason" name="reason" label="Reason" errors={errors.byField.reason}>
          {(p) => (
            <select {...p} value={values.reason} onChange={set('reason')}>
              {countReasons.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextFields prefix="set" values={values} set={set} errors={errors.byField} />
      </div>
      <Actions busy={busy} label="Save count" busyLabel="Saving…" onCancel={onCancel} disabled={stale !== null} />
    </form>
  );
}

const moveFields = ['sku', 'warehouseCode', 'quantity', 'from', 'to', 'reference', 'note'] as const;

function MoveForm({ target, onCancel, onDone }: FormProps) {
  const { request } = useSession();
  const idempotency = useIdempotencyKey();
  const { values, setValues, set, errors, setErrors, busy, submit } = useForm(
    { sku: target?.sku ?? '', warehouseCode: target?.warehouseCode ?? '', quantity: '', direction: 'AVAILABLE>DAMAGED', reference: '', note: '' },
    moveFields,
    { idempotency },
  );
  const direction = moveDirections.find((d) => d.value === (values.direction as MoveDirection)) ?? moveDirections[0];
  const directionErrors = [...(errors.byField.from ?? []), ...(errors.byField.to ?? [])];

  async function save(e: FormEvent) {
    e.preventDefault();
    const quantity = parseWholeNumber(values.quantity);
    if (quantity === null) {
      setErrors({ byField: { quantity: ['Enter a whole number of units: 1 or more.'] }, general: [] });
      return;
    }
    let result: Payload | undefined;
    const ok = await submit(async () => {
      result = (
        await request<{ moveStock: Payload }>(MOVE, {
          input: {
            ...level(values),
            quantity,
            from: direction.from,
            to: direction.to,
            reference: values.reference.trim() || null,
            note: values.note.trim() || null,
          },
          key: idempotency.key,
        })
      ).moveStock;
      return result.userErrors;
    });
    if (ok && result?.stockLevel) {
      const l = result.stockLevel;
      idempotency.renew();
      onDone(
        `Moved ${units(quantity)} of ${l.sku} in ${l.warehouseCode} from ${direction.from.toLowerCase()} to ${direction.to.toLowerCase()}: damaged is now ${l.damaged}, available ${l.available}.${replayedNote(result)}`,
      );
    }
  }

  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors messages={errors.general} />
      <div className="form__grid">
        <LevelFields prefix="move" values={values} onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))} errors={errors.byField} />
        <Field id="move-direction" name="direction" label="Move" errors={directionErrors.length ? directionErrors : undefined} required hint="On hand stays the same.">
          {(p) => (
            <select {...p} value={values.direction} onChange={set('direction')}>
              {moveDirections.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="move-quantity" name="quantity" label="Quantity" errors={errors.byField.quantity} required>
          {(p) => (
            <input {...p} type="number" min={1} step={1} inputMode="numeric" value={values.quantity} onChange={set('quantity')} data-autofocus={target ? true : undefined} />
          )}
        </Field>
        <TextFields prefix="move" values={values} set={set} errors={errors.byField} />
      </div>
      <Actions busy={busy} label="Move" busyLabel="Moving…" onCancel={onCancel} />
    </form>
  );
}
