import { verifyWebhook } from '@clerk/express/webhooks';
import express, { Router } from 'express';
import type { Db } from '../db/database.ts';
import { sendJsonError } from '../http/json-errors.ts';
import type { IdentitySync } from '../identity/identity-sync.ts';
import { applyClerkEvent } from './clerk-sync.ts';

/**
 * `POST /webhooks/clerk`: Clerk's user, organization and membership events, verified with
 * Clerk's own `verifyWebhook` (Svix signatures) before anything is written.
 */
export function clerkWebhookRouter(deps: {
  db: Db;
  identity: IdentitySync;
  signingSecret: string | undefined;
}): Router {
  const router = Router();
  // The signature covers the exact bytes, so keep the body raw.
  router.post('/', express.raw({ type: '*/*', limit: '256kb' }), async (req, res) => {
    if (!deps.signingSecret) {
      return sendJsonError(
        res,
        503,
        'NOT_CONFIGURED',
        'Webhooks are not configured: set CLERK_WEBHOOK_SIGNING_SECRET.',
      );
    }
    let event: Awaited<ReturnType<typeof verifyWebhook>>;
    try {
      event = await verifyWebhook(req, { signingSecret: deps.signingSecret });
    } catch {
      return sendJsonError(res, 400, 'BAD_SIGNATURE', 'Webhook signature verification failed.');
    }
    const { userId } = await applyClerkEvent(deps.db, event);
    if (userId) deps.identity.forget(userId);
    res.json({ received: true, type: event.type });
  });
  return router;
}
