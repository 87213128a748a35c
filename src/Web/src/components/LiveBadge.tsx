import type { LiveStatus } from '../app/hooks';

const labels: Record<LiveStatus, string> = { connecting: 'Connecting…', live: 'Live', unavailable: 'Live updates unavailable' };

/** Whether the page's subscription is connected: "Live", "Connecting…" or "Live updates unavailable". */
export function LiveBadge({ status }: { status: LiveStatus }) {
  return (
    <span className={`live live--${status}`} role="status" aria-live="polite">
      {labels[status]}
    </span>
  );
}
