/** The largest value of GraphQL's Int (32-bit signed); a larger one is refused as a variable, with no field named. */
export const GRAPHQL_INT_MAX = 2_147_483_647;

/**
 * A whole number as typed (spaces around it allowed) that fits GraphQL's Int; null when the text is empty, not a
 * whole number, or beyond Int's range, so that the form shows it by its field instead of sending it.
 */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Math.abs(value) <= GRAPHQL_INT_MAX ? value : null;
}
