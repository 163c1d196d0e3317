import { useApiUnreachable } from '../api/connectivity.ts';

/** Shown while the API cannot be reached; it goes away with the first answer. */
export function ConnectivityBanner() {
  const unreachable = useApiUnreachable();
  // The live region stays in the page so screen readers announce the change.
  return (
    <div role="status" aria-live="polite" className="banner-slot">
      {unreachable && <p className="banner">Can't reach Tasklane, retrying…</p>}
    </div>
  );
}
