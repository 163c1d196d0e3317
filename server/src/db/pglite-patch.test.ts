import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite } from '../test/test-db.ts';

/**
 * scripts/dependency-patches/pglite.mjs (applied at postinstall) changes how PGlite parses
 * results. Results must stay exactly right where the changed code matters: rows split across
 * protocol chunks. (`dependency-patches.test.ts` checks it is applied.)
 */

let pg: PGlite;

beforeAll(async () => {
  pg = await createTestPglite();
});

afterAll(async () => {
  await pg?.close();
});

describe('PGlite with its parser fix', () => {
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
});
