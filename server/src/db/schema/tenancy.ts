import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole } from 'drizzle-orm/pg-core';

/**
 * The tenant boundary, in PostgreSQL itself (docs/tenancy.md). The API's connections run as
 * `tasklane_app`, which row-level security binds: on an organization's table it sees and
 * writes only rows of the organization its transaction set (`app.org_id`, set by the
 * procedure ladder: db/tenant-scope.ts), and nothing when none is set. `tasklane_system`
 * is the one way across organizations (webhooks, seeding, pruning), taken explicitly.
 * Migration 0004 creates both roles (NOLOGIN, without BYPASSRLS) and forces RLS on every
 * table below, so not even the tables' owner reads around it.
 */
export const appRole = pgRole('tasklane_app').existing();
export const systemRole = pgRole('tasklane_system').existing();

/** The organization the current transaction works for; NULL (no rows) when unset. */
const CURRENT_ORG = "current_setting('app.org_id', true)";

/**
 * The policies of an organization's table: `column` (its `org_id`, or the organization's
 * own `id`) must be the current organization, for reads and writes alike.
 */
export function tenantPolicies(column: 'org_id' | 'id') {
  const sameOrganization = sql.raw(`${column} = ${CURRENT_ORG}`);
  return [
    pgPolicy('tenant_isolation', {
      for: 'all',
      to: appRole,
      using: sameOrganization,
      withCheck: sameOrganization,
    }),
    pgPolicy('system_access', {
      for: 'all',
      to: systemRole,
      using: sql`true`,
      withCheck: sql`true`,
    }),
  ];
}
