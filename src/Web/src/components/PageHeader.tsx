import { useEffect, useRef, type ReactNode } from 'react';
import { usePageTitle } from '../app/hooks';

/** Whether a page was shown already: the first page of a visit keeps the browser's own focus (skip link first). */
let shownBefore = false;

/**
 * The page's h1. After a navigation inside the app it takes focus, so that screen readers announce the new page
 * and Tab continues from its top (as after a full page load).
 */
export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  usePageTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (shownBefore) ref.current?.focus({ preventScroll: true });
    shownBefore = true;
  }, []);
  return (
    <div className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {description && <p className="page-header__description">{description}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </div>
  );
}
