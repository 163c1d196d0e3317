import { z } from 'zod';

/**
 * The Clerk webhook events this app applies, checked after the signature: a correctly signed
 * event of another shape is refused (400) before anything is written, instead of failing
 * half-way in SQL. Only the fields the app reads are required; Clerk's other fields pass.
 */

/**
 * Text a `text` column stores: PostgreSQL cannot hold a NUL byte. The bounds are far above
 * what Clerk sends (the body is capped at 256 KiB anyway); they keep one field from
 * filling a row.
 */
const storedText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'a NUL byte');
const clerkId = storedText(256).min(1);
const optionalText = (max: number) => storedText(max).nullish();
/** Milliseconds since the epoch, as Clerk sends `timestamp`, `created_at` and `updated_at`. */
const millis = z.number().int().nonnegative();

const userData = z.object({
  id: clerkId,
  first_name: optionalText(1024),
  last_name: optionalText(1024),
  image_url: optionalText(4096),
  primary_email_address_id: optionalText(256),
  email_addresses: z
    .array(z.object({ id: clerkId, email_address: storedText(1024) }))
    .max(100)
    .nullish(),
  updated_at: millis,
});

const organizationData = z.object({
  id: clerkId,
  name: storedText(1024),
  slug: optionalText(1024),
  updated_at: millis,
});

const deletedData = z.object({ id: clerkId });

const membershipData = z.object({
  role: storedText(256).min(1),
  // A membership's organization as Clerk embeds it; `updated_at` orders it against
  // organization events when present.
  organization: organizationData.extend({ updated_at: millis.optional() }),
  public_user_data: z.object({
    user_id: clerkId,
    first_name: optionalText(1024),
    last_name: optionalText(1024),
    identifier: optionalText(1024),
    image_url: optionalText(4096),
  }),
});

/** Every handled event carries Clerk's `timestamp`: when the change happened. */
const event = <const T extends readonly [string, ...string[]], D extends z.ZodType>(
  types: T,
  data: D,
) => z.object({ type: z.enum(types), timestamp: millis, data });

export const handledClerkEvent = z.discriminatedUnion('type', [
  event(['user.created', 'user.updated'], userData),
  event(['user.deleted'], deletedData),
  event(['organization.created', 'organization.updated'], organizationData),
  event(['organization.deleted'], deletedData),
  event(
    [
      'organizationMembership.created',
      'organizationMembership.updated',
      'organizationMembership.deleted',
    ],
    membershipData,
  ),
]);

export type HandledClerkEvent = z.infer<typeof handledClerkEvent>;
export type ClerkMembershipData = z.infer<typeof membershipData>;

const HANDLED_TYPES: ReadonlySet<string> = new Set(
  handledClerkEvent.options.flatMap((option) => option.shape.type.options),
);

const envelope = z.object({ type: storedText(256).min(1) });

export type ParsedClerkEvent =
  | { kind: 'handled'; event: HandledClerkEvent }
  | { kind: 'ignored'; type: string }
  | { kind: 'invalid'; message: string };

/**
 * Sorts a verified payload into an event this app applies, one it ignores (a type it has no
 * use for), or one it refuses. The refusal names the first wrong field by its path, never
 * the value it held.
 */
export function parseClerkEvent(payload: unknown): ParsedClerkEvent {
  const head = envelope.safeParse(payload);
  if (!head.success) return { kind: 'invalid', message: describeIssue(head.error) };
  if (!HANDLED_TYPES.has(head.data.type)) return { kind: 'ignored', type: head.data.type };
  const parsed = handledClerkEvent.safeParse(payload);
  if (!parsed.success) return { kind: 'invalid', message: describeIssue(parsed.error) };
  return { kind: 'handled', event: parsed.data };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : 'the event';
  return `Unexpected webhook event: ${path} is missing or not ${expected(issue)}.`;
}

/** What the field should have been, from the issue's code (no input echoed). */
function expected(issue: z.core.$ZodIssue | undefined): string {
  switch (issue?.code) {
    case 'invalid_type':
      return `a ${issue.expected}`;
    case 'too_big':
    case 'too_small':
      return 'of an accepted size';
    case 'custom':
      return 'free of NUL bytes';
    default:
      return 'valid';
  }
}
