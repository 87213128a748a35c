import { fieldName, type UserError } from '../api/graphql';
import { parseWholeNumber } from '../app/numbers';

/** One line of an order, purchase order, transfer or receipt as a form edits it. */
export interface LineDraft {
  sku: string;
  quantity: string;
}

export const emptyLine: LineDraft = { sku: '', quantity: '' };

/** The messages for one line: its SKU, its quantity, and the line as a whole. */
export interface LineErrors {
  sku?: string[];
  quantity?: string[];
  line?: string[];
}

// `lines[i].warehouseCode` (a transfer or reservation line's warehouse) is about the line as a whole here.
const linePath = /^lines\[(\d+)\](?:\.(sku|quantity|warehouseCode))?$/;

/** The key under which errors about the lines as a whole (`lines`: a duplicate SKU, too many lines) are kept. */
export const ALL_LINES = -1;

/**
 * Splits userErrors into those of the lines (by index: `lines[2].quantity`, `input.lines[0].sku`, `lines[1]`; those
 * of all lines, `input.lines`, under ALL_LINES) and the rest, which the form shows by its other fields or above itself.
 */
export function splitLineErrors(userErrors: readonly UserError[]): { lines: Record<number, LineErrors>; rest: UserError[] } {
  const lines: Record<number, LineErrors> = {};
  const rest: UserError[] = [];
  for (const error of userErrors) {
    const name = fieldName(error.field);
    if (name === 'lines') {
      ((lines[ALL_LINES] ??= {}).line ??= []).push(error.message);
      continue;
    }
    const match = linePath.exec(name ?? '');
    if (!match) {
      rest.push(error);
      continue;
    }
    const index = Number(match[1]);
    const part: keyof LineErrors = match[2] === 'sku' || match[2] === 'quantity' ? match[2] : 'line';
    ((lines[index] ??= {})[part] ??= []).push(error.message);
  }
  return { lines, rest };
}

/**
 * The lines as the API takes them: SKUs trimmed, quantities as integers. A quantity that is not a whole number is
 * reported against its line here (the API would refuse it, or one beyond GraphQL's Int, as a variable, with no field to show it by).
 */
export function parseLines(drafts: readonly LineDraft[]): { lines: { sku: string; quantity: number }[]; errors: Record<number, LineErrors> } {
  const errors: Record<number, LineErrors> = {};
  const lines = drafts.map((d, i) => {
    const quantity = parseWholeNumber(d.quantity);
    if (quantity === null) errors[i] = { quantity: ['Enter a whole number.'] };
    return { sku: d.sku.trim(), quantity: quantity ?? 0 };
  });
  return { lines, errors };
}
