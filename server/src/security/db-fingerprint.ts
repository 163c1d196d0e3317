import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { acrossOrganizations } from '../db/tenant-scope.ts';
import type { World } from '../test/personas.ts';

/**
 * A cheap digest of every row a test world can touch: its two organizations and
 * everything they own, and its users. Equal before and after a call means the call wrote
 * nothing (an md5 over each table's rows as text, in a stable order, plus row counts).
 * Read across organizations (as `tasklane_system`): the app's role sees no organization's
 * rows outside a scope, and a scope would show one organization only, so a write into the
 * other would go unseen.
 */
export function dbFingerprint(db: Db, world: World) {
  const orgIds = [world.orgA.id, world.orgB.id];
  const userIds = Object.values(world.personas).flatMap((p) => (p ? [p.userId] : []));
  const orgs = sql`array[${sql.join(
    orgIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  const users = sql`array[${sql.join(
    userIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  const digest = (table: string, where: ReturnType<typeof sql>, order: string) =>
    sql`(select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by ${sql.raw(order)})), '')
         from ${sql.raw(table)} t where ${where})`;
  return async (): Promise<string> => {
    const result = await acrossOrganizations(db, 'tests', (tx) =>
      tx.execute(sql`select concat_ws(' ',
      ${digest('organizations', sql`t.id = any(${orgs})`, 't.id')},
      ${digest('users', sql`t.id = any(${users})`, 't.id')},
      ${digest('memberships', sql`t.org_id = any(${orgs})`, 't.org_id, t.user_id')},
      ${digest('projects', sql`t.org_id = any(${orgs})`, 't.id')},
      ${digest('tasks', sql`t.org_id = any(${orgs})`, 't.id')},
      ${digest('comments', sql`t.org_id = any(${orgs})`, 't.id')},
      ${digest('audit_log', sql`t.org_id = any(${orgs})`, 't.id')},
      ${digest('board_events', sql`t.org_id = any(${orgs})`, 't.id')},
      ${digest('membership_removals', sql`t.org_id = any(${orgs})`, 't.org_id, t.user_id')}
    ) as fingerprint`),
    );
    const rows = (result as unknown as { rows: { fingerprint: string }[] }).rows;
    return rows[0]!.fingerprint;
  };
}
