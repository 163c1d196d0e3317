import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * scripts/patch-pglite.mjs (run at postinstall) changes how PGlite parses results. These
 * tests check that it is in place, and that results are still exactly right where the
 * changed code matters: rows split across protocol chunks, and per-query parsers.
 */
const SCRIPT = fileURLToPath(new URL('../../../scripts/patch-pglite.mjs', import.meta.url));

let pg: PGlite;

beforeAll(async () => {
  const template = inject('pgliteTemplate');
  pg = template
    ? await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) })
    : await PGlite.create();
});

afterAll(async () => {
  await pg?.close();
});

describe('PGlite parser fixes (scripts/patch-pglite.mjs)', () => {
  it('are applied to the installed PGlite', () => {
    // Fails (with the script's explanation) after a PGlite upgrade or a skipped postinstall.
    const output = execFileSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
    expect(output.match(/applied/g)).toHaveLength(4);
  });

  it('reads hundreds of kilobytes of rows, split across protocol chunks, exactly', async () => {
    const { rows } = await pg.query<{ i: number; text: string | null; empty: string }>(
      `select i,
              case when i % 7 = 0 then null else repeat('é✓z', i) end as text,
              '' as empty
         from generate_series(1, 400) as i`,
    );
    expect(rows).toHaveLength(400);
    rows.forEach((row, index) => {
      const i = index + 1;
      expect(row).toEqual({ i, text: i % 7 === 0 ? null : 'é✓z'.repeat(i), empty: '' });
    });
  });

  it("applies a query's own parsers to their types only, over the instance's parsers", async () => {
    const sql = `select 7::int4 as n, '2026-01-02'::date as d, '{"a":[1]}'::jsonb as j,
                        array[1, 2]::int4[] as ints`;
    const custom = await pg.query<Record<string, unknown>>(sql, [], {
      parsers: { 1082: (value: string) => `date ${value}` },
    });
    // The override for dates; the built-in int, jsonb and (per instance) int4[] parsers.
    expect(custom.rows).toEqual([{ n: 7, d: 'date 2026-01-02', j: { a: [1] }, ints: [1, 2] }]);

    const plain = await pg.query<{ d: unknown }>(sql);
    expect(plain.rows[0]?.d).toBeInstanceOf(Date);
  });
});
