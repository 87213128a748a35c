/** A list's filters as its toolbar edits them: text filters (SKU, reference...), selects ('' = any) and checkboxes. */
export type FilterValues<F> = { [K in keyof F]: string | boolean };

/** The filters as applied: text without surrounding spaces. */
export function trimFilters<F extends FilterValues<F>>(filters: F): F {
  const trimmed: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries<string | boolean>(filters)) trimmed[name] = typeof value === 'string' ? value.trim() : value;
  return trimmed as F;
}

/** The query's filter input: only the filters that are set (non-empty text, a chosen option, a ticked box). */
export function filterInput<F extends FilterValues<F>>(filters: F): Record<string, string | true> {
  const input: Record<string, string | true> = {};
  for (const [name, value] of Object.entries<string | boolean>(filters)) if (value) input[name] = value;
  return input;
}

/** Whether any filter is set (the empty state then says that nothing matches rather than that nothing exists). */
export function isFiltered<F extends FilterValues<F>>(filters: F): boolean {
  return Object.values<string | boolean>(filters).some(Boolean);
}
