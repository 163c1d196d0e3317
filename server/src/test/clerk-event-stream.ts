import type {
  OrganizationJSON,
  OrganizationMembershipWebhookEvent,
  OrganizationWebhookEvent,
  UserWebhookEvent,
  WebhookEvent,
} from '@clerk/backend';
import { clerkEvent, clerkMembership, clerkOrganization, clerkUser } from './clerk-webhooks.ts';

/**
 * A story told by Clerk's webhooks, in the order it happened: users join, an organization is
 * renamed, a membership is deleted and re-created, a user is deleted, an organization is
 * deleted. Every event is real-shaped and one second after the one before. `ns` makes the
 * ids fresh, so the same story can be told to one database several times.
 */
export function clerkEventStream(ns: string, start = Date.now() - 3_600_000) {
  let clock = start;
  const tick = () => {
    clock += 1000;
    return clock;
  };
  const ids = {
    ada: `user_${ns}_ada`,
    bob: `user_${ns}_bob`,
    cy: `user_${ns}_cy`,
    dee: `user_${ns}_dee`,
    acme: `org_${ns}_acme`,
    globex: `org_${ns}_globex`,
  };
  const people = {
    ada: { id: ids.ada, firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
    bob: { id: ids.bob, firstName: 'Bob', email: 'bob@example.com' },
    cy: { id: ids.cy, firstName: 'Cy', email: 'cy@example.com' },
    dee: { id: ids.dee, firstName: 'Dee', email: 'dee@example.com' },
  };
  const orgs: Record<'acme' | 'globex', OrganizationJSON | undefined> = {
    acme: undefined,
    globex: undefined,
  };
  const events: WebhookEvent[] = [];

  const user = (type: 'user.created' | 'user.updated', who: keyof typeof people, name?: string) => {
    const at = tick();
    const person = { ...people[who], ...(name && { firstName: name }) };
    events.push(clerkEvent<UserWebhookEvent>(type, clerkUser({ ...person, updatedAt: at }), at));
  };
  const org = (
    type: 'organization.created' | 'organization.updated',
    which: keyof typeof orgs,
    name: string,
  ) => {
    const at = tick();
    const data = clerkOrganization({ id: ids[which], name, slug: `${which}-${ns}`, updatedAt: at });
    orgs[which] = data;
    events.push(clerkEvent<OrganizationWebhookEvent>(type, data, at));
  };
  const membership = (
    type: OrganizationMembershipWebhookEvent['type'],
    which: keyof typeof orgs,
    who: keyof typeof people,
    role: string,
  ) => {
    const at = tick();
    const organization = orgs[which]!; // as the organization is at this moment
    const data = clerkMembership({ organization, user: people[who], role, updatedAt: at });
    events.push(clerkEvent<OrganizationMembershipWebhookEvent>(type, data, at));
  };
  const deleted = (type: 'user.deleted' | 'organization.deleted', id: string) => {
    const object = type === 'user.deleted' ? 'user' : 'organization';
    events.push(clerkEvent(type, { object, id, deleted: true }, tick()));
  };

  user('user.created', 'ada');
  user('user.created', 'bob');
  org('organization.created', 'acme', 'Acme');
  membership('organizationMembership.created', 'acme', 'ada', 'org:admin');
  membership('organizationMembership.created', 'acme', 'bob', 'org:member');
  user('user.updated', 'ada', 'Augusta');
  org('organization.updated', 'acme', 'Acme Rockets');
  membership('organizationMembership.updated', 'acme', 'bob', 'org:admin');
  membership('organizationMembership.deleted', 'acme', 'bob', 'org:admin');
  membership('organizationMembership.created', 'acme', 'bob', 'org:member');
  user('user.created', 'cy');
  membership('organizationMembership.created', 'acme', 'cy', 'org:member');
  deleted('user.deleted', ids.cy);
  org('organization.created', 'globex', 'Globex');
  membership('organizationMembership.created', 'globex', 'ada', 'org:member');
  membership('organizationMembership.updated', 'acme', 'ada', 'org:member');
  deleted('organization.deleted', ids.globex);
  org('organization.updated', 'acme', 'Acme Labs');
  membership('organizationMembership.created', 'acme', 'dee', 'org:member');
  membership('organizationMembership.deleted', 'acme', 'dee', 'org:member');
  user('user.updated', 'bob', 'Robert');

  return { ids, events };
}

/** A seeded generator (mulberry32): a failing order can be replayed from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
