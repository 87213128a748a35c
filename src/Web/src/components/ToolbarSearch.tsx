/** A labelled text filter of a list's toolbar (SKU, warehouse code...); codes keep their case and skip spell-check. */
export function ToolbarSearch({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="toolbar__field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} autoCapitalize="characters" spellCheck={false} />
    </div>
  );
}
