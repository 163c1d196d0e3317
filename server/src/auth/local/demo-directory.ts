import { type LocalUser, ORG_ROLES, type OrgRole } from '@tasklane/shared';

/**
 * The demo identities local mode signs in as. Ids follow Clerk's shapes (`user_…`,
 * `org_…`) so the same rows and tokens work in both auth modes; the seed uses them too.
 */

export interface DemoOrganization {
  id: string;
  name: string;
  slug: string;
}

export const DEMO_ORGS = {
  acme: { id: 'org_demo_acme', name: 'Acme Rockets', slug: 'acme' },
  globex: { id: 'org_demo_globex', name: 'Globex Labs', slug: 'globex' },
} satisfies Record<string, DemoOrganization>;

interface DemoUserSeed {
  id: string;
  name: string;
  email: string;
  memberships: { org: DemoOrganization; role: OrgRole }[];
}

const users: DemoUserSeed[] = [
  {
    id: 'user_demo_ada',
    name: 'Ada Admin',
    email: 'ada@acme.test',
    memberships: [{ org: DEMO_ORGS.acme, role: ORG_ROLES.admin }],
  },
  {
    id: 'user_demo_max',
    name: 'Max Member',
    email: 'max@acme.test',
    memberships: [{ org: DEMO_ORGS.acme, role: ORG_ROLES.member }],
  },
  {
    id: 'user_demo_gina',
    name: 'Gina Globex',
    email: 'gina@globex.test',
    memberships: [{ org: DEMO_ORGS.globex, role: ORG_ROLES.admin }],
  },
  {
    id: 'user_demo_nora',
    name: 'Nora Noorg',
    email: 'nora@example.test',
    memberships: [],
  },
];

export const DEMO_USERS: LocalUser[] = users.map((user) => ({
  id: user.id,
  name: user.name,
  email: user.email,
  memberships: user.memberships.map(({ org, role }) => ({
    orgId: org.id,
    orgName: org.name,
    orgSlug: org.slug,
    role,
  })),
}));

export function findDemoUser(userId: string): LocalUser | undefined {
  return DEMO_USERS.find((user) => user.id === userId);
}
