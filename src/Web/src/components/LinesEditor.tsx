import type { LineDraft, LineErrors } from './lines';
import { ALL_LINES, emptyLine } from './lines';

interface LinesEditorProps {
  /** Unique on the page, e.g. `order-lines`: the inputs are `${id}-0-sku`, `${id}-0-quantity`, … */
  id: string;
  /** The group's legend, e.g. "Lines". */
  legend: string;
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  /** Per line index, and for all the lines under ALL_LINES, as `splitLineErrors` answers them. */
  errors?: Record<number, LineErrors>;
  /** At most this many lines can be added. */
  max?: number;
  /** SKUs the SKU inputs suggest (a datalist). */
  skuSuggestions?: readonly string[];
}

/**
 * SKU and quantity per line, with “Add line” and “Remove” per line; every error is shown under the input it is
 * about and announced as that input's error. Labels name the line ("SKU, line 2") so each control is unambiguous.
 */
export function LinesEditor({ id, legend, lines, onChange, errors = {}, max = 100, skuSuggestions }: LinesEditorProps) {
  const listId = `${id}-skus`;
  const update = (index: number, patch: Partial<LineDraft>) => onChange(lines.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  const groupErrors = errors[ALL_LINES]?.line ?? [];
  const groupErrorId = `${id}-error`;
  return (
    <fieldset
      className={groupErrors.length ? 'lines lines--invalid' : 'lines'}
      aria-invalid={groupErrors.length ? true : undefined}
      aria-describedby={groupErrors.length ? groupErrorId : undefined}
    >
      <legend>{legend}</legend>
      {groupErrors.length > 0 && (
        <p id={groupErrorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {groupErrors.join(' ')}
        </p>
      )}
      {skuSuggestions && skuSuggestions.length > 0 && (
        <datalist id={listId}>
          {skuSuggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
      <ol className="lines__list">
        {lines.map((line, i) => {
          const e = errors[i] ?? {};
          const skuErrors = [...(e.line ?? []), ...(e.sku ?? [])];
          const quantityErrors = e.quantity ?? [];
          const skuId = `${id}-${i}-sku`;
          const quantityId = `${id}-${i}-quantity`;
          return (
            <li key={i} className="lines__row">
              <div className={skuErrors.length ? 'field field--invalid' : 'field'}>
                <label htmlFor={skuId}>SKU, line {i + 1}</label>
                <input
                  id={skuId}
                  name={`lines[${i}].sku`}
                  value={line.sku}
                  onChange={(ev) => update(i, { sku: ev.target.value })}
                  list={skuSuggestions?.length ? listId : undefined}
                  autoCapitalize="characters"
                  spellCheck={false}
                  required
                  aria-invalid={skuErrors.length ? true : undefined}
                  aria-errormessage={skuErrors.length ? `${skuId}-error` : undefined}
                  aria-describedby={skuErrors.length ? `${skuId}-error` : undefined}
                />
                {skuErrors.length > 0 && (
                  <p id={`${skuId}-error`} className="field__error">
                    <span aria-hidden="true">⚠ </span>
                    {skuErrors.join(' ')}
                  </p>
                )}
              </div>
              <div className={quantityErrors.length ? 'field field--invalid' : 'field'}>
                <label htmlFor={quantityId}>Quantity, line {i + 1}</label>
                <input
                  id={quantityId}
                  name={`lines[${i}].quantity`}
                  type="number"
                  min={1}
                  step={1}
                  inputMode="numeric"
                  value={line.quantity}
                  onChange={(ev) => update(i, { quantity: ev.target.value })}
                  required
                  aria-invalid={quantityErrors.length ? true : undefined}
                  aria-errormessage={quantityErrors.length ? `${quantityId}-error` : undefined}
                  aria-describedby={quantityErrors.length ? `${quantityId}-error` : undefined}
                />
                {quantityErrors.length > 0 && (
                  <p id={`${quantityId}-error`} className="field__error">
                    <span aria-hidden="true">⚠ </span>
                    {quantityErrors.join(' ')}
                  </p>
                )}
              </div>
              <button
                type="button"
                className="button button--ghost lines__remove"
                onClick={() => onChange(lines.filter((_, j) => j !== i))}
                disabled={lines.length === 1}
                aria-label={`Remove line ${i + 1}`}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button" onClick={() => onChange([...lines, { ...emptyLine }])} disabled={lines.length >= max}>
        Add line
      </button>
    </fieldset>
  );
}
