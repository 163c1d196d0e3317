import { sql } from 'drizzle-orm';
import type { Db, Tx } from './database.ts';

/**
 * Where the tenant boundary (schema/tenancy.ts) is crossed in code: the organization a
 * transaction works for, set transaction-locally so that a pooled connection never carries
 * one caller's organization to the next.
 */

/** The role the API's connections run as: row-level security binds it. */
export const APP_ROLE = 'tasklane_app';
const SYSTEM_ROLE = 'tasklane_system';

/**
 * `TASKLANE_BENCH_OFF=rls`, read once at start and set only by `npm run bench`: connections
 * keep the login role (a superuser's, which RLS does not bind) and procedures run without
 * their scoped transaction, so the bench can measure what the boundary costs.
 */
export const TENANT_SCOPE_OFF = process.env.TASKLANE_BENCH_OFF?.split(',').includes('rls') ?? false;

/**
 * Runs `work` in a transaction that sees and writes only `orgId`'s rows. The procedure
 * ladder (trpc.ts) runs every organization procedure in one; code outside a procedure that
 * works for one organization (identity sync, a board stream's reads) calls it directly.
 */
export function scopedToOrganization<T>(db: Db, orgId: string, work: (tx: Tx) => Promise<T>) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
    return work(tx);
  });
}

/** The work that legitimately spans organizations, each for its reason. */
export type CrossOrganizationPath =
  /** Clerk's webhooks mirror users, organizations and memberships, whichever they name. */
  | 'clerk-webhooks'
  /** Local mode's demo data: two organizations, written together. */
  | 'demo-seed'
  /** Board events older than a day are deleted for every organization at once. */
  | 'event-pruning'
  /** Tests arrange and inspect rows of several organizations. */
  | 'tests';

/**
 * The one way across organizations: `work` runs in a transaction as `tasklane_system`,
 * whose policies admit every row. `path` names why; keep the list above short.
 */
export function acrossOrganizations<T>(
  db: Db,
  _path: CrossOrganizationPath,
  work: (tx: Tx) => Promise<T>,
) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${SYSTEM_ROLE}, true)`);
    return work(tx);
  });
}
