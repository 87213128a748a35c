import type { ReactNode } from 'react';

/** The ARIA wiring a form control needs; spread onto the input, select or textarea. */
export interface ControlProps {
  id: string;
  name: string;
  required?: boolean;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  'aria-errormessage'?: string;
}

interface FieldProps {
  /** Unique on the page, e.g. `product-sku`. */
  id: string;
  name: string;
  label: string;
  /** userError messages for this field: shown right under it and announced as its error. */
  errors?: string[] | undefined;
  hint?: string;
  required?: boolean;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ id, name, label, errors, hint, required, children }: FieldProps) {
  const invalid = !!errors && errors.length > 0;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="field__required" aria-hidden="true">
            {' '}*
          </span>
        )}
      </label>
      {children({
        id,
        name,
        required,
        'aria-invalid': invalid ? true : undefined,
        'aria-describedby': describedBy || undefined,
        'aria-errormessage': invalid ? errorId : undefined,
      })}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

/** Errors of the form as a whole (or of fields it does not show): announced when they appear. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul>
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
