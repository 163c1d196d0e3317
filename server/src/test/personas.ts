import { ROLE_PERMISSIONS } from '@tasklane/shared';
import { DEMO_ORGS, findDemoUser } from '../auth/local/demo-directory.ts';

/**
 * The callers every gate is tried with. Signed-in personas are the seeded demo users,
 * each with the organization that makes their case (or none).
 */
export const PERSONAS = {
  anon: undefined,
  noOrg: { userId: 'user_demo_nora', orgId: null },
  member: { userId: 'user_demo_max', orgId: DEMO_ORGS.acme.id },
  admin: { userId: 'user_demo_ada', orgId: DEMO_ORGS.acme.id },
  otherAdmin: { userId: 'user_demo_gina', orgId: DEMO_ORGS.globex.id },
} as const;

export type PersonaName = keyof typeof PERSONAS;
export const PERSONA_NAMES = Object.keys(PERSONAS) as PersonaName[];

/** The persona's active membership, looked up in the demo directory. */
export function membershipOf(persona: PersonaName) {
  const identity = PERSONAS[persona];
  if (!identity?.orgId) return undefined;
  const membership = findDemoUser(identity.userId)?.memberships.find(
    (m) => m.orgId === identity.orgId,
  );
  if (!membership) throw new Error(`${persona} is not a member of ${identity.orgId}`);
  return { ...membership, permissions: ROLE_PERMISSIONS[membership.role] };
}
