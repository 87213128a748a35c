import { useCallback, useState } from 'react';

/** The cursors of the pages before the current one; `after` is the current page's cursor. */
export function usePaging() {
  const [stack, setStack] = useState<(string | null)[]>([]);
  const [after, setAfter] = useState<string | null>(null);
  const next = useCallback(
    (endCursor: string | null) => {
      if (!endCursor) return;
      setStack((s) => [...s, after]);
      setAfter(endCursor);
    },
    [after],
  );
  const previous = useCallback(() => {
    if (stack.length === 0) return;
    setAfter(stack[stack.length - 1] ?? null);
    setStack(stack.slice(0, -1));
  }, [stack]);
  const reset = useCallback(() => {
    setStack([]);
    setAfter(null);
  }, []);
  return { after, page: stack.length + 1, next, previous, reset };
}
