import { Link } from 'react-router';
import { apiErrorCode, apiErrorMessage } from '../api/api-errors.ts';
import { ConflictNotice } from './ConflictNotice.tsx';

/**
 * One way to show a failed API call. 403 names what is missing in the server's words;
 * CONFLICT offers a reload; 401 needs nothing here (the user is sent to sign in).
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
      // The banner already says the server is unreachable; this is for the spot itself.
      return <p role="status">Waiting for the server…</p>;
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
