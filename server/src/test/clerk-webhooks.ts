import { createHmac, randomBytes } from 'node:crypto';
import type {
  OrganizationJSON,
  OrganizationMembershipJSON,
  UserJSON,
  WebhookEvent,
} from '@clerk/backend';
import { type HandledClerkEvent, handledClerkEvent } from '../webhooks/clerk-event-schema.ts';

/**
 * Clerk webhooks as Clerk sends them: payloads typed with `@clerk/backend`'s own webhook
 * types (so they carry every field Clerk's do), signed like Svix, delivered over HTTP.
 */

export function newWebhookSecret() {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export const newSvixId = () => `msg_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** One delivery attempt: Svix's headers over these exact bytes. */
export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/** Signs like Svix/Clerk: HMAC-SHA256 over `id.timestamp.body` with the secret's key bytes. */
export function signDelivery(
  body: string,
  secret: string,
  { id = newSvixId(), timestamp = nowSeconds() }: { id?: string; timestamp?: number } = {},
): SignedDelivery {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(timestamp),
      'svix-signature': `v1,${signature}`,
    },
  };
}

/** Svix's retry of a message: the same `svix-id` and body, signed again now. */
export function resignDelivery(delivery: SignedDelivery, secret: string): SignedDelivery {
  return signDelivery(delivery.body, secret, { id: delivery.headers['svix-id'] });
}

export interface WebhookAnswer {
  status: number;
  json: unknown;
}

export async function postDelivery(
  baseUrl: string,
  delivery: SignedDelivery,
): Promise<WebhookAnswer> {
  const res = await fetch(`${baseUrl}/webhooks/clerk`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: res.status, json: await res.json() };
}

/** Signs and posts one event (any JSON, to send malformed ones too). */
export function webhookSender(baseUrl: string, secret: string) {
  const sign = (event: unknown, options?: Parameters<typeof signDelivery>[2]) =>
    signDelivery(JSON.stringify(event), secret, options);
  return {
    sign,
    send: (event: unknown, options?: Parameters<typeof signDelivery>[2]) =>
      postDelivery(baseUrl, sign(event, options)),
    post: (delivery: SignedDelivery) => postDelivery(baseUrl, delivery),
  };
}

// Payloads -------------------------------------------------------------------------------

/** An event envelope as Clerk wraps every payload; `timestamp` is when the change happened. */
export function clerkEvent<E extends WebhookEvent>(
  type: E['type'],
  data: E['data'],
  timestamp: number,
): E {
  return {
    type,
    object: 'event',
    data,
    timestamp,
    instance_id: 'ins_tasklane_test',
    event_attributes: { http_request: { client_ip: '192.0.2.1', user_agent: 'test' } },
  } as E;
}

export function clerkUser(p: {
  id: string;
  firstName: string;
  lastName?: string;
  email: string;
  createdAt?: number;
  updatedAt: number;
}): UserJSON {
  const emailId = `idn_${p.id}`;
  return {
    object: 'user',
    id: p.id,
    username: null,
    first_name: p.firstName,
    last_name: p.lastName ?? null,
    image_url: `https://img.clerk.test/${p.id}`,
    has_image: false,
    primary_email_address_id: emailId,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: true,
    two_factor_enabled: false,
    totp_enabled: false,
    backup_code_enabled: false,
    email_addresses: [
      {
        object: 'email_address',
        id: emailId,
        email_address: p.email,
        verification: null,
        linked_to: [],
      },
    ],
    phone_numbers: [],
    web3_wallets: [],
    organization_memberships: null,
    external_accounts: [],
    enterprise_accounts: [],
    password_last_updated_at: null,
    public_metadata: {},
    private_metadata: {},
    unsafe_metadata: {},
    external_id: null,
    last_sign_in_at: null,
    banned: false,
    locked: false,
    deprovisioned: false,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    created_at: p.createdAt ?? p.updatedAt,
    updated_at: p.updatedAt,
    last_active_at: null,
    create_organization_enabled: true,
    create_organizations_limit: null,
    delete_self_enabled: true,
    legal_accepted_at: null,
    locale: null,
    timezone: null,
  };
}

export function clerkOrganization(p: {
  id: string;
  name: string;
  slug: string;
  createdAt?: number;
  updatedAt: number;
}): OrganizationJSON {
  return {
    object: 'organization',
    id: p.id,
    name: p.name,
    slug: p.slug,
    image_url: `https://img.clerk.test/${p.id}`,
    has_image: false,
    max_allowed_memberships: 5,
    admin_delete_enabled: true,
    public_metadata: {},
    private_metadata: {},
    created_by: undefined,
    created_at: p.createdAt ?? p.updatedAt,
    updated_at: p.updatedAt,
  };
}

/** A membership as Clerk sends it: the organization as it is, the user's public data. */
export function clerkMembership(p: {
  organization: OrganizationJSON;
  user: { id: string; firstName: string; lastName?: string; email: string };
  role: string;
  updatedAt: number;
}): OrganizationMembershipJSON {
  return {
    object: 'organization_membership',
    id: `orgmem_${p.organization.id}_${p.user.id}`,
    public_metadata: {},
    private_metadata: {},
    role: p.role,
    permissions: [],
    created_at: p.updatedAt,
    updated_at: p.updatedAt,
    organization: p.organization,
    public_user_data: {
      identifier: p.user.email,
      first_name: p.user.firstName,
      last_name: p.user.lastName ?? null,
      image_url: `https://img.clerk.test/${p.user.id}`,
      has_image: false,
      user_id: p.user.id,
    },
  };
}

/** The event as the route hands it on: validated like every delivery (clerk-event-schema.ts). */
export function asHandled(event: WebhookEvent): HandledClerkEvent {
  return handledClerkEvent.parse(event);
}
