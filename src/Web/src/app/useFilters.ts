import { useState, type FormEvent } from 'react';
import { filterInput, isFiltered, trimFilters, type FilterValues } from './filters';

/**
 * A list's toolbar filters: the draft being edited, and the filters applied when the toolbar is submitted
 * (`onApply` then goes back to the first page).
 */
export function useFilters<F extends FilterValues<F>>(initial: F, onApply: () => void) {
  const [draft, setDraft] = useState<F>(initial);
  const [filters, setFilters] = useState<F>(initial);

  /** onChange of the draft's filter `name`. */
  const edit =
    <K extends keyof F>(name: K) =>
    (value: F[K]) =>
      setDraft((d) => ({ ...d, [name]: value }));

  function apply(e?: FormEvent) {
    e?.preventDefault();
    setFilters(trimFilters(draft));
    onApply();
  }

  return { draft, edit, filters, apply, input: filterInput(filters), filtered: isFiltered(filters) };
}
