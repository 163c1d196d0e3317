/**
 * drizzle-orm 0.45.4: one fix on every row a select returns. Checked by
 * `server/src/db/drizzle-row-mapping.test.ts`.
 *
 * Flat rows are mapped from a plan made once per query. `mapResultRow` turns each row's array
 * of values into an object: for every column it tells which kind of field it is (three `is()`
 * checks), walks the column's path with an iterator, and calls the column's decoder, again
 * for every row. A prepared statement passes the same `fields` array every time, so for a
 * selection whose paths are all one key long (no joined tables nested as objects) the keys
 * and decoders are now worked out once per `fields` array (kept in a WeakMap, so they go
 * with the query), and a decoder that only returns its input (text, uuid, most columns) is
 * skipped. Nested selections still take the original path. Same objects, same keys in the
 * same order: the original's `nullifyMap` only ever collects two-key paths. `tasks.list`'s
 * page of 21 rows took 68 µs to map, now 15 µs. One difference: a `sql` field's decoder is
 * read once, so `.mapWith()` called on it after its query first ran no longer applies to that
 * query (the original read it for every row); the app calls `mapWith` only while building.
 */
const mapperBefore = [
  'function mapResultRow(columns, row, joinsNotNullableMap) {',
  '  const nullifyMap = {};',
  '',
].join('\n');

const mapperAfter = ({ is, Column, SQL, Subquery }) =>
  [
    '// Patched by tasklane/scripts/dependency-patches/drizzle-orm.mjs: see there.',
    'const flatRowPlans = new WeakMap();',
    'function flatRowPlan(columns) {',
    '  let plan = flatRowPlans.get(columns);',
    '  if (plan === void 0) {',
    '    plan = null;',
    '    if (columns.every(({ path }) => path.length === 1)) {',
    '      plan = { keys: [], decoders: [] };',
    '      for (const { path, field } of columns) {',
    `        const decoder = ${is}(field, ${Column}) ? field : ${is}(field, ${SQL}) ? field.decoder : ${is}(field, ${Subquery}) ? field._.sql.decoder : field.sql.decoder;`,
    '        plan.keys.push(path[0]);',
    `        plan.decoders.push(decoder.mapFromDriverValue === ${Column}.prototype.mapFromDriverValue ? null : decoder);`,
    '      }',
    '    }',
    '    flatRowPlans.set(columns, plan);',
    '  }',
    '  return plan;',
    '}',
    'function mapResultRow(columns, row, joinsNotNullableMap) {',
    '  const plan = flatRowPlan(columns);',
    '  if (plan !== null) {',
    '    const { keys, decoders } = plan;',
    '    const result = {};',
    '    for (let i = 0; i < keys.length; i++) {',
    '      const rawValue = row[i];',
    '      const decoder = decoders[i];',
    '      result[keys[i]] = rawValue === null || decoder === null ? rawValue : decoder.mapFromDriverValue(rawValue);',
    '    }',
    '    return result;',
    '  }',
    '  const nullifyMap = {};',
    '',
  ].join('\n');

export default {
  name: 'drizzle-orm',
  version: '0.45.4',
  fixes: [
    {
      name: 'flat rows are mapped from a plan made once per query (ESM)',
      file: 'utils.js',
      before: mapperBefore,
      after: mapperAfter({ is: 'is', Column: 'Column', SQL: 'SQL', Subquery: 'Subquery' }),
    },
    {
      name: 'flat rows are mapped from a plan made once per query (CommonJS)',
      file: 'utils.cjs',
      before: mapperBefore,
      after: mapperAfter({
        is: '(0, import_entity.is)',
        Column: 'import_column.Column',
        SQL: 'import_sql.SQL',
        Subquery: 'import_subquery.Subquery',
      }),
    },
  ],
};
