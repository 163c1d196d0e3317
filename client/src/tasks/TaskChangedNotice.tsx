/**
 * The task changed on the server (someone's edit or move, shown live) while the user has
 * edits not saved: their draft stays as typed, and they decide. Saving it as it is would be
 * refused (it carries the version they started from), so they can load the new version.
 */
export function TaskChangedNotice(props: { changedBy: string; onLoadLatest: () => void }) {
  return (
    <div role="status" className="notice notice-warning">
      <p>
        {props.changedBy} changed this task while you were editing. Your changes are kept here, not
        saved.
      </p>
      <button type="button" onClick={props.onLoadLatest}>
        Load their version (discards your changes)
      </button>
    </div>
  );
}
