/**
 * Clerk publishable keys are `pk_test_` / `pk_live_` + base64(`<frontend-api-host>$`).
 * Clerk derives its frontend API host from the key, and so do we: the expected token
 * issuer is `https://<host>` in both auth modes.
 */

export function buildPublishableKey(host: string, instance: 'test' | 'live' = 'live'): string {
  // Clerk rejects keys with base64 padding, so strip it.
  return `pk_${instance}_${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`;
}

export function frontendApiHost(publishableKey: string): string {
  const encoded = publishableKey.split('_')[2] ?? '';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  if (!decoded.endsWith('$') || !decoded.includes('.')) {
    throw new Error('CLERK_PUBLISHABLE_KEY does not encode a Clerk frontend API host');
  }
  return decoded.slice(0, -1);
}
