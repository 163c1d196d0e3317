import type { AuthSetup } from '../auth/auth-setup.ts';
import { oneLine } from './one-line.ts';

/** Reports one refused credential; `reason` must not contain the credential itself. */
export type TokenRefusalLog = (reason: string) => void;

/**
 * In Clerk mode, one line on stderr per refused token: a refusal other than expiry or
 * absence means a misconfigured instance (keys, `APP_ORIGINS`), a client bug, a clock out
 * of sync or an attack, and the answer itself (401) says none of that. In local mode the
 * server mints every token itself, so there is nothing to learn and nothing is logged.
 */
export function tokenRefusalLog(mode: AuthSetup['mode']): TokenRefusalLog {
  if (mode !== 'clerk') return () => {};
  return (reason) => console.warn(`Refused a session token: ${oneLine(reason)}`);
}
