/**
 * Someone else changed the item first (the server answered CONFLICT). Reusable by any
 * screen that edits: it offers to load the latest version instead of overwriting it.
 */
export function ConflictNotice(props: { message?: string; onReload: () => void }) {
  return (
    <div role="alert" className="notice notice-warning">
      <p>
        {props.message ?? 'This item was changed by someone else while you were working on it.'}
      </p>
      <button type="button" onClick={props.onReload}>
        Reload the latest version
      </button>
    </div>
  );
}
