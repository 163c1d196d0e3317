import { type LiveState, liveStatusText } from './live-state.ts';

/**
 * A small line saying whether the page follows changes as they happen. A polite live
 * region: a screen reader hears "Reconnecting…" or why the stream ended, without losing its
 * place.
 */
export function LiveStatus(props: { state: LiveState }) {
  const { kind } = props.state;
  return (
    <p role="status" aria-live="polite" className={`live-status live-status-${kind}`}>
      <span className="live-status-dot" aria-hidden="true" />
      {liveStatusText(props.state)}
    </p>
  );
}
