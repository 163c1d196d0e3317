import { verifyWebhook } from '@clerk/backend/webhooks';
import type { Db } from '../db/database.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import type { IdentitySync } from '../identity/identity-sync.ts';
import { errorSummary } from '../web/error-summary.ts';
import { jsonErrorResponse, jsonResponse, payloadTooLargeResponse } from '../web/json-response.ts';
import { readBodyBytes, TOO_LARGE } from '../web/read-body.ts';
import type { WebRoute } from '../web/web-route.ts';
import { parseClerkEvent } from './clerk-event-schema.ts';
import { applyClerkDelivery } from './clerk-sync.ts';

/** Clerk's events are small; a bigger body is not one of them. */
const MAX_BODY_BYTES = 256 * 1024;
/** Svix message ids (`msg_…`): printable, bounded, so the deliveries table can key on them. */
const SVIX_ID = /^[\x21-\x7e]{1,256}$/;

/**
 * `POST /webhooks/clerk`: Clerk's user, organization and membership events, verified with
 * Clerk's own `verifyWebhook` (Svix signatures over the exact bytes), then checked against
 * the shape the app reads (clerk-event-schema.ts), before anything is written. Each
 * `svix-id` is applied once (clerk-sync.ts).
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
      let payload: unknown;
      try {
        // Verify exactly the bytes read, in a request whose body can still be consumed.
        const exact = new Request(request.url, {
          method: 'POST',
          headers: request.headers,
          body: body.byteLength ? body : null,
        });
        payload = await verifyWebhook(exact, { signingSecret: deps.signingSecret });
      } catch {
        return jsonErrorResponse(400, 'BAD_SIGNATURE', 'Webhook signature verification failed.');
      }
      const parsed = parseClerkEvent(payload);
      if (parsed.kind === 'invalid') return jsonErrorResponse(400, 'INVALID_EVENT', parsed.message);
      if (parsed.kind === 'ignored') return jsonResponse({ received: true, type: parsed.type });

      const { event } = parsed;
      // Present and signed (verifyWebhook refuses a delivery without it, and trims it too).
      const svixId = request.headers.get('svix-id')?.trim() ?? '';
      if (!SVIX_ID.test(svixId)) {
        return jsonErrorResponse(400, 'INVALID_EVENT', 'Unexpected webhook delivery: svix-id.');
      }
      try {
        const outcome = await applyClerkDelivery(deps.db, svixId, event);
        if (outcome.userId) deps.identity.forget(outcome.userId);
        return jsonResponse({
          received: true,
          type: event.type,
          ...(outcome.duplicate && { duplicate: true }),
        });
      } catch (error) {
        // Logged here, as one safe line: a failed query's error carries its parameters.
        console.error(`Clerk webhook ${event.type} failed: ${errorSummary(error)}`);
        return isDatabaseUnavailable(error)
          ? jsonErrorResponse(503, 'SERVICE_UNAVAILABLE', 'The database is unavailable right now.')
          : jsonErrorResponse(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      }
    },
  };
}
