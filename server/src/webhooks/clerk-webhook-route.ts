import { verifyWebhook } from '@clerk/backend/webhooks';
import type { Db } from '../db/database.ts';
import type { IdentitySync } from '../identity/identity-sync.ts';
import { jsonErrorResponse, jsonResponse, payloadTooLargeResponse } from '../web/json-response.ts';
import { readBodyBytes, TOO_LARGE } from '../web/read-body.ts';
import type { WebRoute } from '../web/web-route.ts';
import { applyClerkEvent } from './clerk-sync.ts';

/** Clerk's events are small; a bigger body is not one of them. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * `POST /webhooks/clerk`: Clerk's user, organization and membership events, verified with
 * Clerk's own `verifyWebhook` (Svix signatures over the exact bytes) before anything is written.
 */
export function clerkWebhookRoute(deps: {
  db: Db;
  identity: IdentitySync;
  signingSecret: string | undefined;
}): WebRoute {
  return {
    method: 'POST',
    path: '/webhooks/clerk',
    async handle(request) {
      if (!deps.signingSecret) {
        return jsonErrorResponse(
          503,
          'NOT_CONFIGURED',
          'Webhooks are not configured: set CLERK_WEBHOOK_SIGNING_SECRET.',
        );
      }
      const body = await readBodyBytes(request, MAX_BODY_BYTES);
      if (body === TOO_LARGE) return payloadTooLargeResponse();
      let event: Awaited<ReturnType<typeof verifyWebhook>>;
      try {
        // Verify exactly the bytes read, in a request whose body can still be consumed.
        const exact = new Request(request.url, {
          method: 'POST',
          headers: request.headers,
          body: body.byteLength ? body : null,
        });
        event = await verifyWebhook(exact, { signingSecret: deps.signingSecret });
      } catch {
        return jsonErrorResponse(400, 'BAD_SIGNATURE', 'Webhook signature verification failed.');
      }
      const { userId } = await applyClerkEvent(deps.db, event);
      if (userId) deps.identity.forget(userId);
      return jsonResponse({ received: true, type: event.type });
    },
  };
}
