import type { FormEvent, ReactNode } from 'react';

interface FilterToolbarProps {
  /** The search landmark's name (the list's name). */
  label: string;
  onApply: (e: FormEvent) => void;
  /** The submit button's text. */
  submitLabel?: string;
  children: ReactNode;
}

/** A list's filters, applied by the Filter button (or Enter in any of them). */
export function FilterToolbar({ label, onApply, submitLabel = 'Filter', children }: FilterToolbarProps) {
  return (
    <form className="toolbar" role="search" aria-label={label} onSubmit={onApply}>
      {children}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </form>
  );
}

interface ToolbarSelectProps<V extends string> {
  id: string;
  label: string;
  /** '' for any. */
  value: V | '';
  options: readonly V[];
  optionLabel: (option: V) => string;
  /** The text of the '' option. */
  anyLabel?: string;
  onChange: (value: V | '') => void;
}

/** A labelled select of a list's toolbar (status, reason...), with an "Any" option first. */
export function ToolbarSelect<V extends string>({ id, label, value, options, optionLabel, anyLabel = 'Any', onChange }: ToolbarSelectProps<V>) {
  return (
    <div className="toolbar__field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as V | '')}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </div>
  );
}
