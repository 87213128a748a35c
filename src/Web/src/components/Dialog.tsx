import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog>: focus moves into it (to the element marked data-autofocus) and stays
 * there, Escape closes it, and focus returns to what opened it (or to the main region if that is gone or disabled).
 */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const opener = document.activeElement as HTMLElement | null;
      dialog.showModal();
      // The control marked data-autofocus, else the first field: never the close button.
      (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('input:not([readonly]), select, textarea'))?.focus();
      return () => {
        if (dialog.open) dialog.close();
        // Back to what opened it, unless that has gone or is disabled (an action the dialog started is running):
        // then to the page's main region, not to the top of the document.
        const back = opener?.isConnected && !(opener as HTMLButtonElement).disabled ? opener : document.getElementById('main');
        back?.focus({ preventScroll: back !== opener });
      };
    }
    if (!open && dialog.open) dialog.close();
    return undefined;
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header className="dialog__header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button button--ghost" onClick={onClose} aria-label="Close">
              ×
            </button>
          </header>
          {children}
        </>
      )}
    </dialog>
  );
}
