interface RowActionsProps<A extends string> {
  /** The actions the row's status allows, in order; nothing is shown when there are none. */
  actions: readonly A[];
  /** The action running, if any: every button waits for it. */
  busy: A | null;
  /** Why the last action was refused or failed: shown by the row. */
  errors: string[];
  /** The button's text, and its text while running. */
  text: (action: A) => string;
  busyText: (action: A) => string;
  /** The button's accessible name, naming the row (`Ship transfer TR-1`). */
  name: (action: A) => string;
  danger?: (action: A) => boolean;
  onRun: (action: A) => void;
}

/** A table row's action buttons, with the busy one marked and a refusal shown under them. */
export function RowActions<A extends string>({ actions, busy, errors, text, busyText, name, danger, onRun }: RowActionsProps<A>) {
  if (actions.length === 0) return null;
  return (
    <>
      <div className="stock-actions">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={danger?.(action) ? 'button button--small button--danger' : 'button button--small'}
            disabled={busy !== null}
            aria-busy={busy === action}
            aria-label={name(action)}
            onClick={() => onRun(action)}
          >
            {busy === action ? busyText(action) : text(action)}
          </button>
        ))}
      </div>
      {errors.length > 0 && (
        <p className="row-error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {errors.join(' ')}
        </p>
      )}
    </>
  );
}
