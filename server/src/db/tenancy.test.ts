import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createBoard } from '../test/board-fixture.ts';
import { createCallerHarness } from '../test/caller-harness.ts';
import { projects, tasks } from './schema.ts';
import { scopedToOrganization } from './tenant-scope.ts';

/**
 * The tenant boundary fails closed (docs/tenancy.md): it is PostgreSQL's row-level security,
 * on every organization's table, binding the role the app connects as.
 */
const h = await createCallerHarness();
const board = await createBoard(h);
const orgA = h.world.orgA.id;

type Row = Record<string, unknown>;
const rows = async <T extends Row>(query: ReturnType<typeof sql>) =>
  ((await h.db.execute(query)) as unknown as { rows: T[] }).rows;

describe('the schema', () => {
  it('forces row-level security, with a policy for the app, on every organization table', async () => {
    // An organization's table is one with an org_id column, or the organizations table.
    const tables = await rows<{
      name: string;
      enabled: boolean;
      forced: boolean;
      policies: string[];
    }>(sql`
      select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             coalesce(array_agg(p.polname::text) filter (where p.polname is not null), '{}') as policies
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        left join pg_policy p on p.polrelid = c.oid
             and p.polroles @> array[(select oid from pg_roles where rolname = 'tasklane_app')]
       where c.relkind = 'r'
         and (c.relname = 'organizations' or exists (
               select 1 from pg_attribute a
                where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped))
       group by c.relname, c.relrowsecurity, c.relforcerowsecurity
       order by c.relname`);
    expect(tables.map((t) => t.name)).toEqual([
      'audit_log',
      'board_events',
      'comments',
      'membership_removals',
      'memberships',
      'organizations',
      'projects',
      'tasks',
    ]);
    for (const table of tables) {
      const fix = `add tenantPolicies() and .enableRLS() to ${table.name} (server/src/db/schema/tenancy.ts) and FORCE ROW LEVEL SECURITY in its migration`;
      expect(table, fix).toMatchObject({ enabled: true, forced: true });
      expect(table.policies, fix).toContain('tenant_isolation');
    }
  });

  it('connects as a role that is no superuser, owns no table and cannot bypass RLS', async () => {
    const [role] = await rows<{ name: string; superuser: boolean; bypass: boolean }>(sql`
      select rolname as name, rolsuper as superuser, rolbypassrls as bypass
        from pg_roles where rolname = current_user`);
    expect(role).toEqual({ name: 'tasklane_app', superuser: false, bypass: false });
    const owned = await rows(sql`
      select tablename from pg_tables where schemaname = 'public' and tableowner = current_user`);
    expect(owned).toEqual([]);
  });
});

describe("the app's connection", () => {
  it('sees no rows and cannot insert without an organization set', async () => {
    const seen = await h.inspect((tx) => tx.$count(tasks));
    expect(seen, 'the board exists').toBeGreaterThan(0);
    expect(await h.db.select().from(tasks)).toEqual([]);
    expect(await h.db.select().from(projects)).toEqual([]);
    const insert = h.db
      .insert(projects)
      .values({ orgId: orgA, name: 'Sneaked in', createdBy: h.world.personas.admin!.userId });
    await expect(insert).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/row-level security/) },
    });
  });

  it("sees one organization's rows in its scope, and writes only there", async () => {
    const inA = await scopedToOrganization(h.db, orgA, (tx) => tx.select().from(projects));
    expect(inA.map((p) => p.id)).toContain(board.project.id);
    expect(new Set(inA.map((p) => p.orgId))).toEqual(new Set([orgA]));
    const otherOrg = h.world.personas.otherAdmin!.org!.id;
    const crossWrite = scopedToOrganization(h.db, orgA, (tx) =>
      tx
        .insert(projects)
        .values({ orgId: otherOrg, name: 'Planted', createdBy: h.world.personas.admin!.userId }),
    );
    await expect(crossWrite).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/row-level security/) },
    });
  });

  it('keeps the organization to its transaction: the next query on the connection sees nothing', async () => {
    for (let i = 0; i < 10; i++) {
      await scopedToOrganization(h.db, orgA, (tx) => tx.select().from(tasks));
      expect(await h.db.select().from(tasks)).toEqual([]);
      const [setting] = await rows<{ org: string | null }>(
        sql`select nullif(current_setting('app.org_id', true), '') as org`,
      );
      expect(setting?.org ?? null).toBeNull();
    }
  });
});
