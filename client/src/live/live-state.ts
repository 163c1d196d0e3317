/**
 * Where a page's live stream is, as the user is told:
 * - `connecting`: the first connection is on its way;
 * - `live`: connected, changes show as they happen;
 * - `reconnecting`: the connection ended (the token it was opened with expired, the server
 *   restarted, the network went away) and another is on its way; nothing is lost meanwhile;
 * - `ended`: the server ended it for good, `message` says why.
 */
export type LiveState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting' }
  | { kind: 'ended'; message: string };

export function liveStatusText(state: LiveState): string {
  switch (state.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return 'Live';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return state.message;
  }
}
