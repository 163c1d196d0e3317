import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallerHarness } from '../test/caller-harness.ts';
import { isoTimestamp } from './iso-timestamp.ts';

const h = await createCallerHarness();

/** `timestamptz` as PostgreSQL prints it in a UTC session: trailing zeros of the fraction dropped. */
function printedByPostgres(epochMs: number, micros: number) {
  const [date, time] = new Date(epochMs).toISOString().slice(0, 19).split('T');
  const fraction = String((((epochMs % 1000) + 1000) % 1000) * 1000 + micros)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${date} ${time}${fraction ? `.${fraction}` : ''}+00`;
}

/** Rows of `ts::text` and PostgreSQL's own ISO rendering of the same moment, in `timeZone`. */
async function renderedBy(timeZone: string) {
  return h.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('TimeZone', ${timeZone}, true)`);
    const moments = sql`(select timestamptz '2026-03-29 00:59:58.5+00'
      + n * interval '0.1234567 second' as ts from generate_series(0, 60) n) moments`;
    return tx
      .select({
        text: sql<string>`ts::text`,
        iso: sql<string>`to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      })
      .from(moments);
  });
}

describe('isoTimestamp: PostgreSQL timestamptz text as the API returns it', () => {
  it.each([
    ['2026-11-23 07:42:30+00', '2026-11-23T07:42:30.000Z'],
    ['2026-11-23 07:42:30.1+00', '2026-11-23T07:42:30.100Z'],
    ['2026-11-23 07:42:30.12+00', '2026-11-23T07:42:30.120Z'],
    ['2026-11-23 07:42:30.123+00', '2026-11-23T07:42:30.123Z'],
    ['2026-11-23 07:42:30.999999+00', '2026-11-23T07:42:30.999Z'],
    ['2026-11-23 07:42:30.5+01', '2026-11-23T06:42:30.500Z'],
    ['2026-11-23 00:12:30.123456+05:30', '2026-11-22T18:42:30.123Z'],
  ])('%s → %s', (text, iso) => {
    expect(isoTimestamp(text)).toBe(iso);
    expect(isoTimestamp(text)).toBe(new Date(text).toISOString());
  });

  it('gives toISOString() of the same moment, truncated to milliseconds, for any moment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
        fc.integer({ min: 0, max: 999 }),
        (epochMs, micros) => {
          expect(isoTimestamp(printedByPostgres(epochMs, micros))).toBe(
            new Date(epochMs).toISOString(),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each(['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns'])(
    'agrees with PostgreSQL rendering the same moments in a %s session',
    async (timeZone) => {
      const rows = await renderedBy(timeZone);
      expect(rows).toHaveLength(61);
      for (const { text, iso } of rows) expect(isoTimestamp(text)).toBe(iso);
    },
  );
});
