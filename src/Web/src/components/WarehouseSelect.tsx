import { useQuery } from '../app/hooks';
import type { ControlProps } from './Field';

const ACTIVE_WAREHOUSES = /* GraphQL */ `
  query ActiveWarehouses { warehouses(first: 100, filter: { active: true }) { nodes { code name } pageInfo { hasNextPage } } }
`;

/**
 * A select of the tenant's active warehouses (code and name), for a `Field`. The value it was given stays a choice
 * even when it is not among them (a row of an inactive warehouse). While they load, if they cannot be read, or when
 * there are more than 100 (a select would hide the rest), it is a text input for the code, suggesting those read.
 */
export function WarehouseSelect({ value, onChange, control }: { value: string; onChange: (code: string) => void; control: ControlProps }) {
  const { data } = useQuery<{ warehouses: { nodes: { code: string; name: string }[]; pageInfo: { hasNextPage: boolean } } }>(ACTIVE_WAREHOUSES);
  const warehouses = data?.warehouses.nodes;
  if (!warehouses || data.warehouses.pageInfo.hasNextPage) {
    const listId = `${control.id}-warehouses`;
    return (
      <>
        <input {...control} value={value} onChange={(e) => onChange(e.target.value)} list={warehouses ? listId : undefined} autoCapitalize="characters" spellCheck={false} />
        {warehouses && (
          <datalist id={listId}>
            {warehouses.map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </datalist>
        )}
      </>
    );
  }
  const listed = value === '' || warehouses.some((w) => w.code === value.trim().toUpperCase());
  return (
    <select {...control} value={listed ? value.trim().toUpperCase() : value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a warehouse…</option>
      {!listed && <option value={value}>{value} (not an active warehouse)</option>}
      {warehouses.map((w) => (
        <option key={w.code} value={w.code}>
          {w.code} — {w.name}
        </option>
      ))}
    </select>
  );
}
