import helmet, { type HelmetOptions } from 'helmet';
import type { AuthSetup } from '../auth/auth-setup.ts';

/** Hosts Clerk's components load from or talk to (https://clerk.com/docs/security/clerk-csp). */
const CLERK_IMAGES = 'https://img.clerk.com';
const CLOUDFLARE_CHALLENGES = 'https://challenges.cloudflare.com';

/**
 * Security headers for every response (helmet), with a Content-Security-Policy that fits
 * the built SPA: its own scripts and styles only; in Clerk mode also Clerk's frontend API
 * (clerk-js and its API calls), Clerk's image host and its bot-protection challenge frame.
 */
export function securityHeaders(auth: AuthSetup) {
  return helmet(securityHeaderOptions(auth));
}

/** helmet's options, shared with the other hosts (@fastify/helmet, the fetch handler). */
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
