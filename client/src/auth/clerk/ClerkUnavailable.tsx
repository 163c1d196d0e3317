import { frontendApiOf } from './clerk-frontend-api.ts';

/** In place of the app when Clerk's script cannot load: the likely causes, and a retry. */
export function ClerkUnavailable(props: { publishableKey: string; onRetry: () => void }) {
  const host = frontendApiOf(props.publishableKey);
  const where = host ? <code>{host}</code> : "Clerk's servers";
  return (
    <main id="main" className="boot">
      <h1 className="app-name">Tasklane</h1>
      <section role="alert" className="notice notice-error" aria-labelledby="clerk-failed-title">
        <h2 id="clerk-failed-title">Sign-in could not load</h2>
        <p>Tasklane signs you in with Clerk, and Clerk's script did not load from {where}.</p>
        <p>The likely causes:</p>
        <ul>
          <li>
            <strong>The publishable key.</strong> <code>CLERK_PUBLISHABLE_KEY</code> must be the key
            of an existing Clerk instance; a made-up key looks valid but names a host that does not
            exist.
          </li>
          <li>
            <strong>The network.</strong> This browser is offline, or cannot reach {where}.
          </li>
          <li>
            <strong>A content blocker.</strong> An ad or privacy blocker, or a network filter, is
            blocking {where}. Allow it for this site.
          </li>
        </ul>
        <p>
          <button type="button" className="button-primary" onClick={props.onRetry}>
            Try again
          </button>
        </p>
      </section>
    </main>
  );
}
