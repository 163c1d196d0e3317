import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { AuthSetup } from '../auth/auth-setup.ts';

/** Hosts Clerk's components load from or talk to (https://clerk.com/docs/security/clerk-csp). */
const CLERK_IMAGES = 'https://img.clerk.com';
const CLOUDFLARE_CHALLENGES = 'https://challenges.cloudflare.com';

/**
 * The exact headers helmet sends for this auth mode, as a list, for the fetch host: its
 * CSP cannot drift from what Express (helmet) and Fastify (@fastify/helmet) send with the
 * same options. The policy has no per-request parts (no nonces), so one list serves all.
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

/**
 * helmet's options, shared by every host: a Content-Security-Policy that fits the built
 * SPA: its own scripts and styles only; in Clerk mode also Clerk's frontend API (clerk-js
 * and its API calls), Clerk's image host and its bot-protection challenge frame.
 */
export function securityHeaderOptions(auth: AuthSetup): HelmetOptions {
  const clerk = auth.mode === 'clerk' ? [auth.issuer] : [];
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'script-src': ["'self'", ...clerk, ...(clerk.length ? [CLOUDFLARE_CHALLENGES] : [])],
        'connect-src': ["'self'", ...clerk],
        'img-src': ["'self'", 'data:', ...(clerk.length ? [CLERK_IMAGES] : [])],
        // Clerk's components inject their styles at run time.
        'style-src': ["'self'", ...(clerk.length ? ["'unsafe-inline'"] : [])],
        'worker-src': ["'self'", 'blob:'],
        'frame-src': ["'self'", ...(clerk.length ? [CLOUDFLARE_CHALLENGES] : [])],
        'form-action': ["'self'"],
      },
    },
    // The SPA is served from our origin only; it needs no cross-origin embedding.
    crossOriginEmbedderPolicy: false,
  };
}
