import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { AuthSetup } from '../../auth/auth-setup.ts';
import { securityHeaderOptions } from '../../http/security-headers.ts';

/**
 * The exact headers helmet sends for this auth mode, as a list: hosts without helmet
 * (the fetch handler) send these, so their CSP cannot drift from the Express host's.
 * The policy has no per-request parts (no nonces), so one list serves every response.
 */
export function securityHeaderList(auth: AuthSetup): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  } as unknown as ServerResponse;
  let failure: unknown;
  helmet(securityHeaderOptions(auth))({} as IncomingMessage, recorder, (error) => {
    failure = error;
  });
  if (failure) throw failure;
  return [...headers];
}
