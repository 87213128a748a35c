import { useLayoutEffect, useRef } from 'react';

interface RowActionsProps<A extends string> {
  /** The actions the row's status allows, in order; a dash when there are none. */
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

/**
 * A table row's action buttons, with the busy one marked and a refusal shown under them. When the button that was
 * pressed goes (the new status no longer allows it), focus moves to the row's first remaining action, or to the
 * group itself, instead of falling back to the top of the page.
 */
export function RowActions<A extends string>({ actions, busy, errors, text, busyText, name, danger, onRun }: RowActionsProps<A>) {
  const group = useRef<HTMLDivElement>(null);
  const pressed = useRef(false);
  // Set when one of the buttons is pressed, until focus is moved out of the group by the user; while set, a render
  // that left focus nowhere (the pressed button was removed when the row was read again) puts it back here.
  useLayoutEffect(() => {
    const element = group.current;
    if (!pressed.current || busy !== null || !element) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected && !(active as HTMLButtonElement).disabled) return;
    pressed.current = false;
    (element.querySelector<HTMLElement>('button:not([disabled])') ?? element).focus({ preventScroll: true });
  });
  return (
    <>
      <div
        className="stock-actions"
        ref={group}
        tabIndex={-1}
        role="group"
        aria-label="Actions"
        onBlur={(e) => {
          if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget)) pressed.current = false;
        }}
      >
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={danger?.(action) ? 'button button--small button--danger' : 'button button--small'}
            disabled={busy !== null}
            aria-busy={busy === action}
            aria-label={name(action)}
            onClick={() => {
              pressed.current = true;
              onRun(action);
            }}
          >
            {busy === action ? busyText(action) : text(action)}
          </button>
        ))}
        {actions.length === 0 && (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">No actions</span>
          </>
        )}
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
