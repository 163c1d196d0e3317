import { randomBytes } from 'node:crypto';
import { ORG_ROLES, type OrgRole, ROLE_PERMISSIONS } from '@tasklane/shared';
import { DEMO_ORGS } from '../auth/local/demo-directory.ts';

/** A signed-in caller a test acts as: a user, and the active organization if any. */
export interface TestIdentity {
  userId: string;
  org?: { id: string; slug: string; role: OrgRole };
}

export const PERSONA_NAMES = ['anon', 'noOrg', 'member', 'admin', 'otherAdmin'] as const;
export type PersonaName = (typeof PERSONA_NAMES)[number];

/**
 * A fresh world of ids for one test file: organizations A and B, A's admin and member,
 * B's admin, and a user without an organization. Fresh ids keep test files independent
 * even when they share one PostgreSQL database.
 */
export function createWorld() {
  const s = randomBytes(5).toString('hex');
  const orgA = { id: `org_test_${s}_a`, slug: `a-${s}` };
  const orgB = { id: `org_test_${s}_b`, slug: `b-${s}` };
  const personas: Record<PersonaName, TestIdentity | undefined> = {
    anon: undefined,
    noOrg: { userId: `user_test_${s}_noorg` },
    member: { userId: `user_test_${s}_member`, org: { ...orgA, role: ORG_ROLES.member } },
    admin: { userId: `user_test_${s}_admin`, org: { ...orgA, role: ORG_ROLES.admin } },
    otherAdmin: { userId: `user_test_${s}_otheradmin`, org: { ...orgB, role: ORG_ROLES.admin } },
  };
  return { suffix: s, orgA, orgB, personas };
}

export type World = ReturnType<typeof createWorld>;

/** The personas as the seeded demo users (for tests that sign in through /auth/local). */
export function demoWorld(): World {
  const { acme, globex } = DEMO_ORGS;
  return {
    suffix: 'demo',
    orgA: { id: acme.id, slug: acme.slug },
    orgB: { id: globex.id, slug: globex.slug },
    personas: {
      anon: undefined,
      noOrg: { userId: 'user_demo_nora' },
      member: { userId: 'user_demo_max', org: { ...acme, role: ORG_ROLES.member } },
      admin: { userId: 'user_demo_ada', org: { ...acme, role: ORG_ROLES.admin } },
      otherAdmin: { userId: 'user_demo_gina', org: { ...globex, role: ORG_ROLES.admin } },
    },
  };
}

export function permissionsOf(identity: TestIdentity | undefined) {
  return identity?.org ? ROLE_PERMISSIONS[identity.org.role] : [];
}
