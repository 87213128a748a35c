import { useQuery } from '../app/hooks';
import type { ControlProps } from './Field';

const ACTIVE_WAREHOUSES = /* GraphQL */ `
  query ActiveWarehouses { warehouses(first: 100, filter: { active: true }) { nodes { code name } } }
`;

/**
 * A select of the tenant's active warehouses (code and name; the first 100 by the API's order), for a `Field`.
 * While they load, or if they cannot be read, it is a text input for the code instead.
 */
export function WarehouseSelect({ value, onChange, control }: { value: string; onChange: (code: string) => void; control: ControlProps }) {
  const { data } = useQuery<{ warehouses: { nodes: { code: string; name: string }[] } }>(ACTIVE_WAREHOUSES);
  const warehouses = data?.warehouses.nodes;
  if (!warehouses)
    return <input {...control} value={value} onChange={(e) => onChange(e.target.value)} autoCapitalize="characters" spellCheck={false} />;
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a warehouse…</option>
      {warehouses.map((w) => (
        <option key={w.code} value={w.code}>
          {w.code} — {w.name}
        </option>
      ))}
    </select>
  );
}
