import type { ClientConfig } from '@tasklane/shared';

/**
 * How this server wants the SPA to sign in (GET /api/client-config). Asked at start-up,
 * so one build serves both auth modes. Checked by hand rather than with the shared zod
 * schema: zod would add more to the initial bundle than the rest of this file.
 */
export async function fetchClientConfig(): Promise<ClientConfig> {
  const res = await fetch('/api/client-config', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`The server answered ${res.status} for its client configuration.`);
  const body = (await res.json()) as Partial<{ authMode: unknown; publishableKey: unknown }>;
  if (body.authMode === 'local') return { authMode: 'local' };
  if (body.authMode === 'clerk' && typeof body.publishableKey === 'string' && body.publishableKey) {
    return { authMode: 'clerk', publishableKey: body.publishableKey };
  }
  throw new Error('The server sent a client configuration this app does not understand.');
}
