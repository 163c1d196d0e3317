import { Link } from 'react-router';
import { apiErrorCode, apiErrorMessage } from '../api/api-errors.ts';
import { ConflictNotice } from './ConflictNotice.tsx';

/**
 * One way to show a failed API call. 403 names what is missing in the server's words;
 * CONFLICT offers a reload; 401 needs nothing here (the user is sent to sign in).
 * `onRetry` is given for reads, which also retry on their own while the server is
 * unreachable; a write shows its error without it, and is never resent on its own.
 */
export function ApiErrorNotice(props: { error: unknown; onRetry?: () => void }) {
  const code = apiErrorCode(props.error);
  const message = apiErrorMessage(props.error);
  switch (code) {
    case 'UNAUTHORIZED':
      return <p role="status">Your session has ended. Taking you to sign in…</p>;
    case 'FORBIDDEN':
      return (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>You don't have access.</strong> {message}
          </p>
          <p>
            <Link to="/">Back to home</Link>
          </p>
        </div>
      );
    case 'CONFLICT':
      return <ConflictNotice message={message} onReload={() => props.onRetry?.()} />;
    case 'NOT_FOUND':
      return (
        <p role="alert" className="notice notice-error">
          Not found. {message}
        </p>
      );
    case 'NETWORK':
      // A read retries until the server answers; the banner says it is unreachable.
      if (props.onRetry) return <p role="status">Waiting for the server…</p>;
      // A write is not resent (it may have reached the server before the connection
      // broke), so nothing is waiting: the user decides.
      return (
        <p role="alert" className="notice notice-error">
          The server could not be reached, so this may not have been saved. Check, then try again.
        </p>
      );
    default:
      return (
        <div role="alert" className="notice notice-error">
          <p>{message}</p>
          {props.onRetry && (
            <button type="button" onClick={props.onRetry}>
              Try again
            </button>
          )}
        </div>
      );
  }
}
