import { useEffect, useRef, type ComponentProps } from 'react';

/**
 * A table row that plays the "changed" highlight each time `changedVersion` takes a new value (null: not changed
 * by a live event). The row keeps its element across versions, so focus inside it (a row action) survives live
 * updates.
 */
export function LiveRow({ changedVersion, ...props }: ComponentProps<'tr'> & { changedVersion: number | null }) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    const row = ref.current;
    if (!row || changedVersion === null) return;
    row.classList.remove('row--changed');
    void row.offsetWidth; // a reflow, so that the animation starts again
    row.classList.add('row--changed');
  }, [changedVersion]);
  return <tr ref={ref} {...props} />;
}
